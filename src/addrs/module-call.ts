/** Module call addresses: `module.name` (the call) and `module.name[key]` (one instance of it). */
import { type InstanceKey, instanceKeyString } from './instance-key.js';

/** A `module "name"` block in a module. */
export class ModuleCall {
  constructor(readonly name: string) {}
  instance(key: InstanceKey = null): ModuleCallInstance { return new ModuleCallInstance(this, key); }
  toString(): string { return 'module.' + this.name; }
  uniqueKey(): string { return 'mc:' + this.name; }
  equals(o: ModuleCall): boolean { return this.name === o.name; }
}

/** One instance of a module call (`module.name["a"]`). */
export class ModuleCallInstance {
  constructor(readonly call: ModuleCall, readonly key: InstanceKey = null) {}
  toString(): string { return this.call.toString() + instanceKeyString(this.key); }
  uniqueKey(): string { return 'mci:' + this.toString(); }
  equals(o: ModuleCallInstance): boolean { return this.key === o.key && this.call.equals(o.call); }
}
