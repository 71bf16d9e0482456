// Catching an expected error in a test: its class is checked, and so is the one rule every error
// of this package keeps: the API key appears nowhere in it, its stack or its causes.
import { BluejayError } from "../../provider/client";
import { TEST_API_KEY } from "./emulator";

type ErrorClass<E> = abstract new (...args: never[]) => E;

function checked<E>(error: unknown, type: ErrorClass<E>): E {
  expect(error).toBeInstanceOf(type);
  expect(error).toBeInstanceOf(BluejayError);
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    expect(`${current.message}\n${current.stack}`).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(current)).not.toContain(TEST_API_KEY);
    current = current.cause;
  }
  return error as E;
}

/** The error a promise rejects with; fails the test if it resolves or rejects with another class. */
export async function rejection<E>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return checked(error, type);
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** The error a function throws; fails the test if it returns or throws another class. */
export function thrownBy<E>(fn: () => unknown, type: ErrorClass<E>): E {
  try {
    fn();
  } catch (error) {
    return checked(error, type);
  }
  throw new Error("expected the call to throw, but it returned");
}
