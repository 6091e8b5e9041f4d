/** The version of prikk, as in package.json; written into every manifest. */
export const VERSION = '0.1.0';
