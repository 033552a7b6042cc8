{
  "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
  "verificationMaterial": {
    "publicKey": {
      "hint": "035f05b4c024800b5157795a17243b97220f770f72456437d38e86bf2fcd1fcd"
    },
    "tlogEntries": []
  },
  "dsseEnvelope": {
    "payload": "eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEiLCJzdWJqZWN0IjpbeyJuYW1lIjoibW9kZWwiLCJkaWdlc3QiOnsic2hhMjU2IjoiMWYyNTNlMjhiYWRlMzcwMjNlM2IyOThlMzc4NTg3OWRhYzdkZGRkNTM0NjdhMDkyNjNmMDM4Njg5MDMyOWExNyJ9fV0sInByZWRpY2F0ZVR5cGUiOiJodHRwczovL21vZGVsX3NpZ25pbmcvc2lnbmF0dXJlL3YxLjAiLCJwcmVkaWNhdGUiOnsic2VyaWFsaXphdGlvbiI6eyJtZXRob2QiOiJmaWxlcyIsImhhc2hfdHlwZSI6InNoYTI1NiIsImFsbG93X3N5bWxpbmtzIjpmYWxzZSwiaWdub3JlX3BhdGhzIjpbIi5naXQiLCIuZ2l0YXR0cmlidXRlcyIsIi5naXRodWIiLCIuZ2l0aWdub3JlIiwibW9kZWwuc2lnIl19LCJyZXNvdXJjZXMiOlt7Im5hbWUiOiJSRUFETUUubWQiLCJhbGdvcml0aG0iOiJzaGEyNTYiLCJkaWdlc3QiOiIxZWE5ZTc0NzRmNjQ2NzZhZWJkOWZkNTI0YTQ2M2FkMjViNjhjNzU1YTRhN2YxMDU1NTNkMWY2ZmViMTExNmUyIn0seyJuYW1lIjoibW9kZWwub25ueCIsImFsZ29yaXRobSI6InNoYTI1NiIsImRpZ2VzdCI6Ijk2ZGEyZDY3YWMxNTRmNDNhMTExZDk1YjkyNTAwNWQ2MzVjZDU0YzYwYjhkMjI5Njc0N2YyOWMwNWVmMDU0OGIifV19fQ==",
    "payloadType": "application/vnd.in-toto+json",
    "signatures": [
      {
        "sig": "MEQCIFV6EhzSh8KqO/y4Nrrm0X1pLr4lYjXU9FLo18niamx5AiAxPXHpW2Jc0ZNPdhsPYD8/LPJ3F0PVd0WbhO5Ym42u6w==",
        "keyid": ""
      }
    ]
  }
}