/** Strings to small integers, in first-seen order: the dictionaries of a batch and of the merged workspace. */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Starts from a dictionary already made (its values are copied, not shared). */
  constructor(values: readonly string[] = []) {
    for (const v of values) this.id(v);
  }
  id(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    return id;
  }
}
