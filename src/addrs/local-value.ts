/** Local value addresses: `local.name`. */

/** A named local value of a module (`local.name`). */
export class LocalValue {
  constructor(readonly name: string) {}
  toString(): string { return 'local.' + this.name; }
  uniqueKey(): string { return 'l:' + this.name; }
  equals(o: LocalValue): boolean { return this.name === o.name; }
}
