/** The `tags` / `tags_all` attributes every taggable resource has (see tags.ts). */
import * as T from '../../lang/types.js';
import type { AttributeSchema } from '../protocol.js';

/** The tags and tags_all attribute schemas. */
export const tagsAttributes: Record<string, AttributeSchema> = {
  tags: { type: T.Map(T.String), optional: true },
  // hashicorp's plugin-SDK resources declare tags_all optional as well as computed.
  tags_all: { type: T.Map(T.String), optional: true, computed: true },
};
