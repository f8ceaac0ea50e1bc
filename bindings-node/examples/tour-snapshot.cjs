'use strict'
// Part of `make demo`: loads the emulator snapshot the Python tour saved and lists the
// organization's accounts through the Node client (SDK-v3-shaped, with an async paginator).

const { Emulator } = require('../orgkit.js')

async function main() {
  const [file, caller] = process.argv.slice(2)
  const emulator = Emulator.load(file)
  const org = emulator.client('organizations', { caller })
  const names = []
  for await (const account of org.paginateListAccounts({}, { pageSize: 20 }).items()) {
    names.push(account.Name)
  }
  const { Organization } = await org.describeOrganization({})
  console.log(`Node sees ${Organization.Id} with ${names.length} accounts: ${names.join(', ')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
