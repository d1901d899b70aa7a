import { describe, it, expect } from 'vitest';
import { parseQuery, qList, qMap, qStructs, qTags, required, str, listItems } from './query.js';

const form = (s: string) => parseQuery(new URLSearchParams(), Buffer.from(s), 'application/x-www-form-urlencoded');

describe('query parameters', () => {
  it('reads lists in member style and flattened EC2 style, ordered by index', () => {
    const p = form('Action=X&Names.member.2=b&Names.member.1=a&VpcId.1=vpc-1&VpcId.10=vpc-10&VpcId.2=vpc-2');
    expect(qList(p, 'Names')).toEqual(['a', 'b']);
    expect(qList(p, 'VpcId')).toEqual(['vpc-1', 'vpc-2', 'vpc-10']);
    expect(qList(p, 'Missing')).toEqual([]);
  });

  it('reads structures with nested lists (EC2 filters)', () => {
    const p = form('Filter.1.Name=tag%3AName&Filter.1.Value.1=web&Filter.1.Value.2=db&Filter.2.Name=vpc-id&Filter.2.Value.1=vpc-1');
    const filters = qStructs(p, 'Filter');
    expect(filters.map((f) => str(f, 'Name'))).toEqual(['tag:Name', 'vpc-id']);
    expect(listItems(filters[0]!['Value'])).toEqual(['web', 'db']);
  });

  it('reads maps and tags', () => {
    const p = form('Attributes.entry.1.key=A&Attributes.entry.1.value=1&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=30&Tags.member.1.Key=env&Tags.member.1.Value=dev');
    expect(qMap(p, 'Attributes')).toEqual({ A: '1' });
    expect(qMap(p, 'Attribute', 'Name', 'Value')).toEqual({ VisibilityTimeout: '30' });
    expect(qTags(p)).toEqual([{ Key: 'env', Value: 'dev' }]);
  });

  it('merges URL and body parameters; a missing required parameter is MissingParameter', () => {
    const p = parseQuery(new URLSearchParams('Action=A&X=url'), Buffer.from('X=body'), 'application/x-www-form-urlencoded; charset=utf-8');
    expect(p).toEqual({ Action: 'A', X: 'body' });
    expect(() => required(p, 'RoleArn')).toThrow('The request must contain the parameter RoleArn');
  });
});
