/** The built-in providers (null, random, local, tls, time, terraform). */
import type { ProviderFactory } from '../protocol.js';
import { nullProvider } from './null.js';
import { localProvider } from './local.js';
import { randomProvider } from './random/index.js';
import { timeProvider } from './time.js';
import { tlsProvider } from './tls.js';
import { terraformProvider } from './terraform.js';

/** Every built-in provider factory. */
export const BUILTIN_PROVIDERS: ProviderFactory[] = [nullProvider, randomProvider, localProvider, tlsProvider, timeProvider, terraformProvider];
