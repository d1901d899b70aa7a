/**
 * Data source aws_ami (ec2 DescribeImages): owners, filter blocks, executable_users and
 * include_deprecated go to AWS; name_regex and most_recent choose among the answers, with
 * hashicorp's errors when nothing or (most_recent unset) more than one image matches.
 */
import { DescribeImagesCommand, type Filter, type Image } from '@aws-sdk/client-ec2';
import { attr, bool, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';
import { amiDataSchema } from './schemas.js';

function mappings(img: Image): Record<string, unknown>[] {
  return (img.BlockDeviceMappings ?? []).map((m) => ({
    device_name: m.DeviceName ?? '',
    virtual_name: m.VirtualName ?? '',
    no_device: m.NoDevice ?? '',
    ebs: m.Ebs ? {
      delete_on_termination: String(m.Ebs.DeleteOnTermination ?? false),
      encrypted: String(m.Ebs.Encrypted ?? false),
      iops: String(m.Ebs.Iops ?? 0),
      snapshot_id: m.Ebs.SnapshotId ?? '',
      throughput: String(m.Ebs.Throughput ?? 0),
      volume_size: String(m.Ebs.VolumeSize ?? 0),
      volume_type: m.Ebs.VolumeType ?? '',
    } : {},
  }));
}

/** The newest of the images by creation date (the first of equals). */
function newest(images: Image[]): Image {
  let best = images[0]!;
  for (const i of images.slice(1)) if (Date.parse(i.CreationDate ?? '') > Date.parse(best.CreationDate ?? '')) best = i;
  return best;
}

/** The aws_ami data source. */
export const awsAmi: DataSourceDef<AwsMeta> = {
  schema: amiDataSchema,
  async read(ctx, config) {
    const filters = ((toJS(attr(config, 'filter')) as { name: string; values: string[] }[] | null) ?? [])
      .map((f): Filter => ({ Name: f.name, Values: f.values }));
    const owners = (toJS(attr(config, 'owners')) as string[] | null) ?? [];
    const users = (toJS(attr(config, 'executable_users')) as string[] | null) ?? [];
    const images: Image[] = [];
    let token: string | undefined;
    do {
      const out = await awsCall('reading EC2 AMIs', () => ctx.meta.ec2().send(new DescribeImagesCommand({
        IncludeDeprecated: bool(config, 'include_deprecated') ?? false,
        ExecutableUsers: users.length ? users : undefined,
        Filters: filters.length ? filters : undefined,
        Owners: owners.length ? owners : undefined,
        NextToken: token,
      })));
      images.push(...(out.Images ?? []));
      token = out.NextToken;
    } while (token);
    const regex = str(config, 'name_regex');
    let matched = images;
    if (regex !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(regex);
      } catch (e) {
        throw new ProviderError('Invalid value', `"name_regex": ${e instanceof Error ? e.message : String(e)}`, [{ attr: 'name_regex' }]);
      }
      matched = images.filter((i) => i.Name && re.test(i.Name));
    }
    const mostRecent = bool(config, 'most_recent') ?? false;
    if (matched.length < 1) throw new ProviderError('Your query returned no results. Please change your search criteria and try again.');
    if (matched.length > 1 && !mostRecent) {
      throw new ProviderError('Your query returned more than one result. Please try a more specific search criteria, or set `most_recent` attribute to true.');
    }
    const img = newest(matched);
    const id = img.ImageId!;
    const root = (img.BlockDeviceMappings ?? []).find((m) => img.RootDeviceName && m.DeviceName === img.RootDeviceName);
    const tags: Record<string, string> = {};
    for (const t of img.Tags ?? []) if (t.Key && !t.Key.startsWith('aws:')) tags[t.Key] = t.Value ?? '';
    return withAttrs(config, {
      id, image_id: id, arn: `arn:${ctx.meta.partition}:ec2:${ctx.meta.region}::image/${id}`,
      architecture: img.Architecture ?? '', block_device_mappings: mappings(img), boot_mode: img.BootMode ?? '',
      creation_date: img.CreationDate ?? '', deprecation_time: img.DeprecationTime ?? '', description: img.Description ?? '',
      ena_support: img.EnaSupport ?? false, hypervisor: img.Hypervisor ?? '', image_location: img.ImageLocation ?? '',
      image_owner_alias: img.ImageOwnerAlias ?? '', image_type: img.ImageType ?? '', imds_support: img.ImdsSupport ?? '',
      kernel_id: img.KernelId ?? '', last_launched_time: img.LastLaunchedTime ?? '', name: img.Name ?? '', owner_id: img.OwnerId ?? '',
      platform: img.Platform ?? '', platform_details: img.PlatformDetails ?? '',
      product_codes: (img.ProductCodes ?? []).map((p) => ({ product_code_id: p.ProductCodeId ?? '', product_code_type: p.ProductCodeType ?? '' })),
      public: img.Public ?? false, ramdisk_id: img.RamdiskId ?? '', root_device_name: img.RootDeviceName ?? '',
      root_device_type: img.RootDeviceType ?? '', root_snapshot_id: root?.Ebs?.SnapshotId ?? '', sriov_net_support: img.SriovNetSupport ?? '',
      state: img.State ?? '', state_reason: img.StateReason ? { code: img.StateReason.Code ?? '', message: img.StateReason.Message ?? '' } : { code: 'UNSET', message: 'UNSET' },
      tags, tpm_support: img.TpmSupport ?? '', usage_operation: img.UsageOperation ?? '', virtualization_type: img.VirtualizationType ?? '',
      include_deprecated: bool(config, 'include_deprecated') ?? false, most_recent: mostRecent,
    });
  },
};
