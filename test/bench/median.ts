/** The middle value (the upper one of an even count): what the benchmarks compare. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
