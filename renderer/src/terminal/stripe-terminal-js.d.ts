// The ESM build of @stripe/terminal-js, without the package's declarations (see stripe-driver.ts).
declare module '@stripe/terminal-js/dist/terminal.esm.js' {
  export const loadStripeTerminal: () => Promise<unknown>;
}
