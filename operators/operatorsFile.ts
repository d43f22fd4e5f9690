/** Where the embedded default keeps console accounts (env OPERATORS_FILE), relative to the cwd. */
export const DEFAULT_OPERATORS_FILE = 'data/operators.json';
