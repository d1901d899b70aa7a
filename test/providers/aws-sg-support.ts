/**
 * Shared set-up of the security group provider tests: one in-process cloud, the aws
 * provider configured against it through the protocol harness, an EC2 client for changes
 * made "behind terrane's back", and a VPC to put groups in.
 */
import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness } from './harness.js';

/** What a test file needs. */
export interface SgWorld {
  cloud: RunningCloud;
  h: Harness;
  ec2: EC2Client;
  vpcId: string;
  close(): Promise<void>;
}

/** Starts a cloud, configures the provider and creates a VPC. */
export async function sgWorld(): Promise<SgWorld> {
  const cloud = await startCloud({ port: 0 });
  const h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test',
    endpoints: [{ ec2: cloud.url, sts: cloud.url }],
  });
  const ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }));
  return {
    cloud, h, ec2, vpcId: vpc.Vpc!.VpcId!,
    async close() {
      ec2.destroy();
      await h.p.close?.();
      await cloud.close();
    },
  };
}
