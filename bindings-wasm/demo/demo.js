// The "create member account" form, written against the orgkit-wasm package as an app would
// (`import … from 'orgkit-wasm'`; the page's import map says where the package is).
//
// - Each input takes its attributes from `fieldConstraints`: `required`, `pattern` (written for
//   the browser's `pattern` attribute), `minLength`/`maxLength`, the choices of an enumeration
//   (a <datalist>), and the constraint's `hint` as the line under the input.
// - As the user types, the requests are validated as a whole: CreateAccount (Email,
//   AccountName, RoleName, IamUserAccessToBilling) and the MoveAccount that puts the new account
//   under its parent (DestinationParentId). Each issue's `hint` (for people) is shown beside its
//   field and handed to the Constraint Validation API (setCustomValidity), so the browser itself
//   refuses to submit an invalid form; the AWS-style `message` is shown below it.
import init, { fieldConstraints, validateRequest } from 'orgkit-wasm'

const form = document.getElementById('create-account')
const status = document.getElementById('status')
const inputs = [...form.querySelectorAll('input')]
const operations = [...new Set(inputs.map((input) => input.dataset.operation))]
const touched = new Set()

await init()
const constraints = Object.fromEntries(operations.map((operation) => [operation, fieldConstraints('organizations', operation)]))
const constraintOf = (input) => constraints[input.dataset.operation][input.name]

/** Sets an input's attributes from its field's constraints. */
function applyConstraints(input) {
  const field = constraintOf(input)
  input.required = field.required
  if (field.pattern !== undefined) input.pattern = field.pattern
  if (field.minLength !== undefined) input.minLength = field.minLength
  if (field.maxLength !== undefined) input.maxLength = field.maxLength
  if (field.enum && input.list) input.list.replaceChildren(...field.enum.map((value) => new Option(value, value)))
  document.getElementById(`${input.id}-hint`).textContent = field.hint
}

/** Each operation's request as the form stands; empty fields are left out. */
function requests() {
  const params = Object.fromEntries(operations.map((operation) => [operation, {}]))
  for (const input of inputs) {
    if (input.value !== '') params[input.dataset.operation][input.name] = input.value
  }
  return params
}

function issuesByField() {
  const byField = new Map(inputs.map((input) => [input, []]))
  for (const [operation, params] of Object.entries(requests())) {
    for (const issue of validateRequest('organizations', operation, params).issues) {
      // The form has no inputs for MoveAccount's AccountId and SourceParentId.
      const input = inputs.find((candidate) => candidate.dataset.operation === operation && candidate.name === issue.path)
      if (input) byField.get(input).push(issue)
    }
  }
  return byField
}

// Issues appear once a field has been edited, or when a submit attempt is refused; the
// constraint itself is set from the start, so an untouched invalid form cannot be submitted.
function render() {
  for (const [input, issues] of issuesByField()) {
    const hints = [...new Set(issues.map((issue) => issue.hint))].join('\n')
    input.setCustomValidity(hints)
    input.dataset.codes = issues.map((issue) => issue.code).join(' ')
    if (touched.has(input)) {
      input.setAttribute('aria-invalid', String(issues.length > 0))
      // The issues' hints stand in for the field's own line while there are any.
      document.getElementById(`${input.id}-hint`).hidden = issues.length > 0
      document.getElementById(`${input.id}-issues`).textContent = hints
      document.getElementById(`${input.id}-detail`).textContent = issues.map((issue) => issue.message).join('\n')
    }
  }
}

for (const input of inputs) {
  applyConstraints(input)
  input.addEventListener('input', () => {
    touched.add(input)
    render()
    status.textContent = ''
  })
  // Fired by the browser for each invalid field when it refuses a submit.
  input.addEventListener('invalid', () => {
    touched.add(input)
    render()
  })
}
form.addEventListener('submit', (event) => {
  // Only reached when every field passed the constraint checks; there is no server here.
  event.preventDefault()
  const { CreateAccount, MoveAccount } = requests()
  status.textContent = `Valid request, ready for CreateAccount: ${JSON.stringify(CreateAccount)}, then MoveAccount to ${MoveAccount.DestinationParentId}`
  form.dataset.submitted = String(Number(form.dataset.submitted || 0) + 1)
})
render()
document.body.dataset.ready = 'true'
