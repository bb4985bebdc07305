import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered id (UUIDv7), made where the record is born. */
export function newId(): string {
  return uuidv7();
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
