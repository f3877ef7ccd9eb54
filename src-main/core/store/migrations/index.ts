import type { Migration } from '../migration.js';
import { migration0001 } from './0001-foundation.js';
import { migration0002 } from './0002-llm-calls.js';
import { migration0003 } from './0003-memory.js';
import { migration0004 } from './0004-agent.js';
import { migration0005 } from './0005-two-factor.js';
import { migration0006 } from './0006-audit-erasure.js';
import { migration0007 } from './0007-memory-origins.js';
import { migration0008 } from './0008-payments.js';
import { migration0009 } from './0009-mcp-schedules-skills.js';
import { migration0010 } from './0010-chat-controls.js';
import { migration0011 } from './0011-people-workflows.js';
import { migration0012 } from './0012-message-attachments.js';
import { migration0013 } from './0013-image-attachments.js';
import { migration0014 } from './0014-knowledge.js';
import { migration0015 } from './0015-conversation-owner.js';
import { migration0016 } from './0016-knowledge-vectors.js';
import { migration0017 } from './0017-memory-vector-model.js';

/** Every migration in order. Append only; never edit or reorder a released entry. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017];
