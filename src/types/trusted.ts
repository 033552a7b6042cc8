/**
 * Files that carry trust (the policy, keys, certificate roots, trusted roots, reference-model pins) are read
 * through this interface. On pull requests the action layer serves them from the BASE commit
 * (`git show <base>:<path>`); elsewhere from the working tree. The engine never reads them directly.
 */
export interface TrustedFiles {
  /** Where trusted files come from, for the report. */
  readonly source: 'base' | 'head' | 'working-tree';
  /** Reads a workspace-relative POSIX path. Throws GateError (code `trusted.missing`) when absent. */
  read(relPath: string): Promise<Buffer>;
  /** True when the path exists at the trusted source. */
  exists(relPath: string): Promise<boolean>;
  /**
   * The regular files under a folder (recursively), workspace-relative POSIX paths, sorted; absent where not
   * supported. Used to verify a signed folder at the base commit (the regression gate's baseline).
   */
  list?(dirRel: string): Promise<string[]>;
}
