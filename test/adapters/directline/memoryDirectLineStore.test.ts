import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { directLineStoreContract } from './directLineStoreContract';

directLineStoreContract('MemoryDirectLineStore', async (options) => new MemoryDirectLineStore(options));
