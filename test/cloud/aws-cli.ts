/** Runs the AWS CLI v2 (/usr/bin/aws) against a local cloud endpoint. */
import { execFile } from 'node:child_process';

/** Runs `/usr/bin/aws <args> --endpoint-url url --output json`; rejects with stderr on failure. */
export function awsCli(url: string, args: string[], env: Record<string, string> = {}, opts: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/aws',
      [...args, '--endpoint-url', url, '--output', 'json'],
      {
        cwd: opts.cwd,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/tmp',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          ...env,
        },
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(new Error(stderr || err.message), { stderr, code: (err as { code?: unknown }).code }));
        else resolve(stdout);
      },
    );
  });
}
