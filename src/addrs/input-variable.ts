/** Input variable addresses: `var.name`. */

/** An input variable of a module (`var.name`). */
export class InputVariable {
  constructor(readonly name: string) {}
  toString(): string { return 'var.' + this.name; }
  uniqueKey(): string { return 'v:' + this.name; }
  equals(o: InputVariable): boolean { return this.name === o.name; }
}
