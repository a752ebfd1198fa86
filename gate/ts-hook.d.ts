export function register(): void;
export function transpile(source: string, filename: string): string;
