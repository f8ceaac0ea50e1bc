// Service control policies in the page, with the emulator bundle, orgkit-wasm/emulator (the SCP
// checker does not fit the size limit of the form bundle). The first part checks one document as
// the user types (checkScp, under the rules edition chosen at the top). The second builds a small tree —
// the root, up to five OUs, the account, and the SCPs attached at each level, each checked as it
// is typed — and asks evaluateScps whether a principal of the account may make a request: the
// verdict, what each level made of it (allowed by, denied by, or no matching Allow) and orgkit's
// explanation. Once asked, the question is asked again after every change.
import init, { checkScp, evaluateScps } from 'orgkit-wasm/emulator'

const FULL_AWS_ACCESS = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]
}`
// OUs nest at most five levels deep under the root.
const MAX_OUS = 5

const editionSelect = document.getElementById('edition')
const documentField = document.getElementById('document')
const levelsContainer = document.getElementById('levels')
const addOuButton = document.getElementById('add-ou')
const askForm = document.getElementById('ask')
const contextField = document.getElementById('context')
const verdict = document.getElementById('verdict')
const outcomes = document.getElementById('outcomes')
const explanation = document.getElementById('explanation')
let nextElementId = 0
let asked = false

/** An element with attributes (`text` sets its text content) and children. */
function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value
    else node.setAttribute(name, value)
  }
  node.append(...children)
  return node
}

/** Shows `issues` ({ path, code, message }) in `container` and marks `field` with them. */
function showIssues(field, container, issues) {
  field.setAttribute('aria-invalid', String(issues.length > 0))
  field.dataset.codes = issues.map((issue) => issue.code).join(' ')
  if (issues.length === 0) {
    container.replaceChildren(element('p', { class: 'no-issues', text: 'No issues.' }))
    return
  }
  const list = element('ul')
  for (const issue of issues) {
    const where = issue.path ? [' at ', element('code', { text: issue.path })] : []
    list.append(element('li', {}, element('code', { text: issue.code }), ...where, `: ${issue.message}`))
  }
  container.replaceChildren(list)
}

/** Checks the document in `field` under the chosen rules; an empty field is not judged yet. */
function check(field, container) {
  if (field.value.trim() === '') {
    field.removeAttribute('aria-invalid')
    field.dataset.codes = ''
    container.replaceChildren()
    return
  }
  showIssues(field, container, checkScp(field.value, { edition: editionSelect.value }))
}

// --- the tree -------------------------------------------------------------------------------

const levelFieldsets = () => [...levelsContainer.querySelectorAll('fieldset.level')]

/** One attached policy: its ID (optional), its document and the document's issues. */
function policyBlock(policyId, text) {
  const id = `policy-${nextElementId++}`
  const idField = element('input', { id: `${id}-id`, class: 'policy-id', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'p-examplepolicy (optional)' })
  idField.value = policyId
  const documentArea = element('textarea', { id: `${id}-document`, class: 'policy-document', rows: '5',
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-issues` })
  documentArea.value = text
  const issues = element('div', { id: `${id}-issues`, class: 'issues', 'aria-live': 'polite' })
  const remove = element('button', { type: 'button', class: 'secondary remove-policy', text: 'Remove' })
  const block = element('div', { class: 'policy' },
    element('label', { for: idField.id, class: 'policy-id-label' }), idField,
    element('label', { for: documentArea.id, class: 'policy-document-label' }), documentArea, issues, remove)
  documentArea.addEventListener('input', () => check(documentArea, issues))
  remove.addEventListener('click', () => {
    block.remove()
    renumber()
    changed()
  })
  check(documentArea, issues)
  return block
}

/** One level of the tree (`root`, `ou` or `account`), with p-FullAWSAccess attached. */
function levelFieldset(kind, target) {
  const id = `level-${nextElementId++}`
  const targetField = element('input', { id: `${id}-target`, class: 'target', autocomplete: 'off', spellcheck: 'false' })
  targetField.value = target
  const policies = element('div', { class: 'policies' }, policyBlock('p-FullAWSAccess', FULL_AWS_ACCESS))
  const attach = element('button', { type: 'button', class: 'secondary attach-policy' })
  const fieldset = element('fieldset', { class: 'level', 'data-kind': kind },
    element('legend'),
    element('div', { class: 'field' }, element('label', { for: targetField.id, class: 'target-label' }), targetField),
    policies, attach)
  attach.addEventListener('click', () => {
    const block = policyBlock('', '')
    policies.append(block)
    renumber()
    block.querySelector('.policy-document').focus()
  })
  if (kind === 'ou') {
    const remove = element('button', { type: 'button', class: 'secondary remove-ou' })
    remove.addEventListener('click', () => {
      fieldset.remove()
      renumber()
      changed()
      addOuButton.focus()
    })
    fieldset.append(remove)
  }
  return fieldset
}

/** Names the levels (Root, OU 1, …, Account) and labels their controls after a change. */
function renumber() {
  let ous = 0
  for (const fieldset of levelFieldsets()) {
    const kind = fieldset.dataset.kind
    const name = kind === 'root' ? 'Root' : kind === 'account' ? 'Account' : `OU ${++ous}`
    fieldset.dataset.name = name
    fieldset.querySelector('legend').textContent = name
    fieldset.querySelector('.target-label').textContent = `${name} ID`
    fieldset.querySelectorAll('.policy').forEach((block, n) => {
      const policy = `Policy ${n + 1} at ${name}`
      block.querySelector('.policy-id-label').textContent = `${policy}: ID`
      block.querySelector('.policy-document-label').textContent = `${policy}: document`
      block.querySelector('.remove-policy').setAttribute('aria-label', `Remove policy ${n + 1} at ${name}`)
    })
    fieldset.querySelector('.attach-policy').textContent = `Attach a policy to ${name}`
    const removeOu = fieldset.querySelector('.remove-ou')
    if (removeOu) removeOu.textContent = `Remove ${name}`
  }
  addOuButton.disabled = ous >= MAX_OUS
}

function addOu() {
  const ous = levelFieldsets().filter((fieldset) => fieldset.dataset.kind === 'ou').length
  if (ous >= MAX_OUS) return
  const fieldset = levelFieldset('ou', `ou-abcd-${String(ous + 1).repeat(8)}`)
  levelsContainer.querySelector('fieldset[data-kind="account"]').before(fieldset)
  renumber()
  changed()
  fieldset.querySelector('.target').focus()
}

// --- the question ---------------------------------------------------------------------------

/** The levels as evaluateScps reads them; empty IDs are left to orgkit's defaults. */
function levels() {
  return levelFieldsets().map((fieldset) => ({
    target: fieldset.querySelector('.target').value.trim() || fieldset.dataset.name,
    policies: [...fieldset.querySelectorAll('.policy')].map((block) => ({
      policyId: block.querySelector('.policy-id').value.trim() || undefined,
      document: block.querySelector('.policy-document').value,
    })),
  }))
}

/** The context typed as JSON (undefined when empty); a SyntaxError when it is not JSON. */
function context() {
  const text = contextField.value.trim()
  return text === '' ? undefined : JSON.parse(text)
}

const statementText = (matched) =>
  `statement ${matched.statement}${matched.sid ? ` (Sid ${matched.sid})` : ''} of ${matched.policyId}`

function outcomeOf(level) {
  if (level.deniedBy) return ['denied', `Denied by ${statementText(level.deniedBy)}`]
  if (level.allowedBy) return ['allowed', `Allowed by ${statementText(level.allowedBy)}`]
  return ['no-allow', level.policies === 0 ? 'No matching Allow (no SCP attached)' : 'No matching Allow']
}

/** Sets the verdict: a bold first word (`Allowed`, `Denied`, …) and the rest as text. */
function showVerdict(state, word, rest) {
  verdict.dataset.state = state
  verdict.replaceChildren(element('strong', { text: word }), rest)
}

function showDecision(decision, names) {
  const nameOf = (level) => `${names[level.level] ?? `level ${level.level}`} (${level.target})`
  let rest
  if (decision.exempt) rest = ': SCPs do not affect this principal.'
  else if (decision.deniedBy) rest = `: ${statementText(decision.deniedBy)} at ${nameOf(decision.deniedBy)} explicitly denies it.`
  else if (decision.missingAllowAt) rest = `: no SCP attached at ${nameOf(decision.missingAllowAt)} allows it, and every level must.`
  else if (decision.levels.length === 0) rest = ': no SCPs are in effect.'
  else rest = ': an Allow matches at every level and no Deny matches.'
  showVerdict(decision.allowed ? 'allowed' : 'denied', decision.allowed ? 'Allowed' : 'Denied', rest)
  outcomes.tBodies[0].replaceChildren(...decision.levels.map((level) => {
    const [state, text] = outcomeOf(level)
    return element('tr', { 'data-outcome': state },
      element('th', { scope: 'row', text: names[level.level] ?? String(level.level) }),
      element('td', {}, element('code', { text: level.target })),
      element('td', { text }))
  }))
  outcomes.hidden = decision.levels.length === 0
  explanation.textContent = decision.explain()
  explanation.hidden = false
}

function showFailure(state, word, rest) {
  showVerdict(state, word, rest)
  outcomes.hidden = true
  explanation.hidden = true
}

/** The documents' issues from an OrgkitValidationError, shown beside their documents. */
function showPolicyIssues(issues) {
  const fieldsets = levelFieldsets()
  const byBlock = new Map()
  for (const issue of issues) {
    const found = /^levels\[(\d+)\]\.policies\[(\d+)\](?:\.document)?\.?(.*)$/.exec(issue.path)
    const block = found && fieldsets[Number(found[1])]?.querySelectorAll('.policy')[Number(found[2])]
    if (!block) continue
    if (!byBlock.has(block)) byBlock.set(block, [])
    byBlock.get(block).push({ ...issue, path: found[3] })
  }
  for (const [block, blockIssues] of byBlock) {
    showIssues(block.querySelector('.policy-document'), block.querySelector('.issues'), blockIssues)
  }
}

function ask() {
  asked = true
  let requestContext
  try {
    requestContext = context()
    contextField.removeAttribute('aria-invalid')
    document.getElementById('context-issues').replaceChildren()
  } catch (error) {
    contextField.setAttribute('aria-invalid', 'true')
    document.getElementById('context-issues').replaceChildren(element('p', { text: `Not JSON: ${error.message}` }))
    showFailure('invalid', 'Not asked', ': the request context is not JSON.')
    return
  }
  const names = levelFieldsets().map((fieldset) => fieldset.dataset.name)
  try {
    const decision = evaluateScps(levels(), document.getElementById('action').value, {
      resource: document.getElementById('resource').value.trim() || undefined,
      principal: document.getElementById('principal').value,
      context: requestContext,
      edition: editionSelect.value,
    })
    showDecision(decision, names)
  } catch (error) {
    if (error.name === 'OrgkitValidationError') {
      showPolicyIssues(error.issues)
      showFailure('invalid', 'Not asked', `: ${error.issues.length} issue(s) in the policies above (shown beside each).`)
    } else {
      showFailure('invalid', 'Not asked', `: ${error.message}`)
    }
  }
}

/** After the first question, every change asks again. */
function changed() {
  if (asked) ask()
}

await init()
levelsContainer.append(levelFieldset('root', 'r-abcd'), levelFieldset('account', '111111111111'))
renumber()
documentField.addEventListener('input', () => check(documentField, document.getElementById('document-issues')))
editionSelect.addEventListener('change', () => {
  check(documentField, document.getElementById('document-issues'))
  for (const block of levelsContainer.querySelectorAll('.policy')) {
    check(block.querySelector('.policy-document'), block.querySelector('.issues'))
  }
  changed()
})
addOuButton.addEventListener('click', addOu)
levelsContainer.addEventListener('input', changed)
askForm.addEventListener('input', changed)
askForm.addEventListener('submit', (event) => {
  event.preventDefault()
  ask()
})
document.body.dataset.ready = 'true'
