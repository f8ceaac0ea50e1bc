// The "create member account" form. The CreateAccount request (Email, AccountName, RoleName,
// IamUserAccessToBilling) is validated as a whole by orgkit's WebAssembly build as the user
// types; the parent ID is checked as a ParentId. Each issue's AWS-style message is shown beside
// its field and handed to the Constraint Validation API (setCustomValidity), so the browser
// itself refuses to submit an invalid form.
import init, { checkValue, validateRequest } from '../pkg/web/orgkit_wasm.js'

const form = document.getElementById('create-account')
const status = document.getElementById('status')
const inputs = [...form.querySelectorAll('input')]
const requestInputs = inputs.filter((input) => !input.dataset.kind)
const touched = new Set()

/** The CreateAccount request as the form stands: empty optional fields are left out. */
function request() {
  const params = {}
  for (const input of requestInputs) {
    if (input.value !== '' || !input.hasAttribute('data-optional')) params[input.name] = input.value
  }
  return params
}

function issuesByField() {
  const byField = new Map(inputs.map((input) => [input, []]))
  for (const issue of validateRequest('organizations', 'CreateAccount', request()).issues) {
    const input = requestInputs.find((candidate) => issue.path === candidate.name)
    if (input) byField.get(input).push(issue)
  }
  for (const input of inputs.filter((candidate) => candidate.dataset.kind)) {
    byField.get(input).push(...checkValue(input.dataset.kind, input.value).issues)
  }
  return byField
}

// Messages appear once a field has been edited, or when a submit attempt is refused; the
// constraint itself is set from the start, so an untouched invalid form cannot be submitted.
function render() {
  for (const [input, issues] of issuesByField()) {
    const text = issues.map((issue) => issue.message).join('\n')
    input.setCustomValidity(text)
    input.dataset.codes = issues.map((issue) => issue.code).join(' ')
    if (touched.has(input)) {
      input.setAttribute('aria-invalid', String(issues.length > 0))
      document.getElementById(`${input.id}-issues`).textContent = text
    }
  }
}

await init()
for (const input of inputs) {
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
  const parent = document.getElementById('parent-id').value
  status.textContent = `Valid request, ready for CreateAccount: ${JSON.stringify(request())}, then MoveAccount to ${parent}`
  form.dataset.submitted = String(Number(form.dataset.submitted || 0) + 1)
})
render()
document.body.dataset.ready = 'true'
