/** Types of fossil-delta 1.x (a UMD module without its own): only what Gyre calls. */
declare module 'fossil-delta' {
  const fossil: {
    /** The delta turning `source` into `target`, as byte values. */
    create(source: ArrayLike<number>, target: ArrayLike<number>): number[];
    /** `delta` applied to `source`; throws on a corrupt delta or checksum. */
    apply(source: ArrayLike<number>, delta: ArrayLike<number>, opts?: { verifyChecksum?: boolean }): number[];
  };
  export default fossil;
}
