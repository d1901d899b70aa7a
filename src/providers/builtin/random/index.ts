/** hashicorp/random: random values kept in state until their `keepers` change. */
import type { ProviderFactory } from '../../protocol.js';
import { makeProvider } from '../../sdk/provider.js';
import { randomPet } from './pet.js';
import { randomId, randomInteger, randomShuffle, randomUuid } from './simple.js';
import { randomPassword, randomString } from './strings.js';

/** The `random` provider. */
export const randomProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/random',
  version: '3.6.3',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    framework: true,
    resources: {
      random_id: randomId,
      random_integer: randomInteger,
      random_password: randomPassword,
      random_pet: randomPet,
      random_shuffle: randomShuffle,
      random_string: randomString,
      random_uuid: randomUuid,
    },
    dataSources: {},
  }),
};
