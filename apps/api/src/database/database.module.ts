import { Global, Module } from '@nestjs/common';
import { ReadReplica } from './read-replica.js';
import { Transactions } from './transactions.js';

@Global()
@Module({ providers: [Transactions, ReadReplica], exports: [Transactions, ReadReplica] })
export class DatabaseModule {}
