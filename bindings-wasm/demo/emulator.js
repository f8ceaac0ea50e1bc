// An organization held by orgkit's emulator in WebAssembly (the emulator bundle, orgkit-wasm/emulator).
// Every button is one or two AWS Organizations calls; the answer, or the AWS error with its
// code, is shown under the forms, and the tree is listed again after each change.
import init, { NativeEmulator } from 'orgkit-wasm/emulator'

const MASTER = '111111111111'
let emulator

/** One call: the response, or throws `{ Code, Reason, Message }` as the service answered. */
function call(operation, input, caller = MASTER) {
  const outcome = emulator.callJson('organizations', operation, caller, JSON.stringify(input))
  const body = JSON.parse(outcome.body)
  if (!outcome.ok) throw body
  return body
}

function list(operation, input, key) {
  const items = []
  let token
  do {
    const page = call(operation, token ? { ...input, NextToken: token } : input)
    items.push(...page[key])
    token = page.NextToken
  } while (token)
  return items
}

function renderTree() {
  const lines = []
  const parents = []
  const walk = (id, label, depth) => {
    lines.push(`${'  '.repeat(depth)}${label}`)
    parents.push([id, `${'  '.repeat(depth)}${label}`])
    for (const account of list('ListAccountsForParent', { ParentId: id }, 'Accounts')) {
      lines.push(`${'  '.repeat(depth + 1)}· ${account.Name} (${account.Id})`)
    }
    for (const ou of list('ListOrganizationalUnitsForParent', { ParentId: id }, 'OrganizationalUnits')) {
      walk(ou.Id, `${ou.Name} (${ou.Id})`, depth + 1)
    }
  }
  const [root] = list('ListRoots', {}, 'Roots')
  walk(root.Id, `Root (${root.Id})`, 0)
  document.getElementById('tree').textContent = lines.join('\n')
  const select = document.getElementById('ou-parent')
  const chosen = select.value
  select.replaceChildren(...parents.map(([id, label]) => new Option(label, id)))
  if (parents.some(([id]) => id === chosen)) select.value = chosen
}

function show(text, failed) {
  const result = document.getElementById('result')
  result.textContent = text
  result.dataset.failed = failed ? 'true' : 'false'
}

function attempt(action) {
  try {
    show(action(), false)
  } catch (error) {
    show(`${error.Code}${error.Reason ? ` (${error.Reason})` : ''}: ${error.Message}`, true)
  }
  renderTree()
}

document.getElementById('add-ou').addEventListener('submit', (event) => {
  event.preventDefault()
  attempt(() => {
    const ou = call('CreateOrganizationalUnit', {
      ParentId: document.getElementById('ou-parent').value,
      Name: document.getElementById('ou-name').value,
    }).OrganizationalUnit
    return `Created ${ou.Name} (${ou.Id})`
  })
})

document.getElementById('invite').addEventListener('submit', (event) => {
  event.preventDefault()
  attempt(() => {
    const account = document.getElementById('invitee').value
    const handshake = call('InviteAccountToOrganization', { Target: { Id: account, Type: 'ACCOUNT' } }).Handshake
    call('AcceptHandshake', { HandshakeId: handshake.Id }, account)
    return `${account} accepted handshake ${handshake.Id}`
  })
})

await init()
emulator = new NativeEmulator(1)
call('CreateOrganization', { FeatureSet: 'ALL' })
renderTree()
document.body.dataset.ready = 'true'
