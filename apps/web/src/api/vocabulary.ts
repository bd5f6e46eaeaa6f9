/**
 * A list of the API's enum values for the UI (options, labels), type-checked against the
 * OpenAPI union `T` both ways: a value the API adds or drops fails the web's typecheck.
 * Usage: `vocabularyOf<Schemas['PlanDraftDto']['meetingTypes'][number]>()(['a', 'b'])`.
 */
export function vocabularyOf<T extends string>() {
  return <const V extends readonly T[]>(
    values: V & ([T] extends [V[number]] ? unknown : { missing: Exclude<T, V[number]> }),
  ): V => values;
}
