import type * as z from 'zod';

/** Formats zod issues as `path: message; …` so a person can see which field was wrong. */
export function describeIssues(error: z.ZodError): string {
  return (
    error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '')
  );
}
