// What the AWS SDK for JavaScript v3 itself checks before sending, as README.md states it: only
// that a REST path label has a value. Each claim is checked against the real clients with a
// request handler that records what reaches the transport (no orgkit involved).
import test from 'node:test'
import assert from 'node:assert/strict'
import { ChimeClient, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-chime'
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account'
import { OrganizationsClient, DescribeAccountCommand, ListAccountsCommand, CreateAccountCommand } from '@aws-sdk/client-organizations'

/** A client config whose transport records each request and answers `{}`. */
function recording() {
  const sent = []
  const requestHandler = {
    async handle(request) {
      const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body ?? new Uint8Array())
      sent.push({ path: request.path, body })
      return { response: { statusCode: 200, headers: {}, body: new TextEncoder().encode('{}') } }
    },
  }
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, requestHandler, maxAttempts: 1 }
  return { sent, config }
}

test('Organizations (awsJson 1.1): a missing required member, a range and an enum are sent unchecked', async () => {
  const { sent, config } = recording()
  const client = new OrganizationsClient(config)
  await client.send(new DescribeAccountCommand({}))
  assert.deepEqual(JSON.parse(sent[0].body || '{}'), {}, 'DescribeAccount without its required AccountId reached the transport')
  await client.send(new ListAccountsCommand({ MaxResults: 500 }))
  assert.deepEqual(JSON.parse(sent[1].body), { MaxResults: 500 }, 'MaxResults outside 1..20 reached the transport')
  await client.send(new CreateAccountCommand({ Email: 'not an email', AccountName: 'x', IamUserAccessToBilling: 'MAYBE', MaxResult: 3 }))
  assert.deepEqual(JSON.parse(sent[2].body), { AccountName: 'x', Email: 'not an email', IamUserAccessToBilling: 'MAYBE' },
    'a pattern and an enum went unchecked; the unknown member MaxResult was dropped without a word')
})

test('Account (restJson1, no path labels): a missing required member is sent unchecked', async () => {
  const { sent, config } = recording()
  await new AccountClient(config).send(new PutAlternateContactCommand({}))
  assert.equal(sent.length, 1)
  assert.equal(sent[0].path, '/putAlternateContact')
})

test('Chime (restJson1): only a missing path label is refused before sending', async () => {
  const { sent, config } = recording()
  const client = new ChimeClient(config)
  await assert.rejects(client.send(new GetAccountCommand({})), /No value provided for input HTTP label: AccountId/)
  await assert.rejects(client.send(new UpdateAccountCommand({ Name: 'x' })), /HTTP label: AccountId/)
  assert.equal(sent.length, 0)
  await client.send(new UpdateAccountCommand({ AccountId: 'not-a-uuid', Name: 'x'.repeat(500), DefaultLicense: 'Gold' }))
  assert.equal(sent.length, 1, 'a bad AccountId, an overlong Name and an unknown license were sent')
})
