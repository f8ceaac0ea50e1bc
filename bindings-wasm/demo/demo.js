// The "create member account" form: each field is validated as the user types by orgkit's
// WebAssembly build. Each issue's message is shown beside its field and handed to the
// Constraint Validation API (setCustomValidity), so the browser itself refuses to submit an
// invalid form.
import init, { checkValue } from '../pkg/web/orgkit_wasm.js'

const form = document.getElementById('create-account')
const status = document.getElementById('status')
const inputs = [...form.querySelectorAll('input[data-kind]')]

// Messages appear once a field has been edited, or when a submit attempt is refused; the
// constraint itself is set from the start, so an untouched invalid form cannot be submitted.
function validate(input, show = true) {
  const optional = input.hasAttribute('data-optional')
  const value = input.value
  const issues = optional && value === '' ? [] : checkValue(input.dataset.kind, value).issues
  const text = issues.map((issue) => issue.message).join('\n')
  input.setCustomValidity(text)
  input.dataset.codes = issues.map((issue) => issue.code).join(' ')
  if (show) {
    input.setAttribute('aria-invalid', String(issues.length > 0))
    document.getElementById(`${input.id}-issues`).textContent = text
  }
  return issues.length === 0
}

await init()
for (const input of inputs) {
  input.addEventListener('input', () => {
    validate(input)
    status.textContent = ''
  })
  // Fired by the browser for each invalid field when it refuses a submit.
  input.addEventListener('invalid', () => validate(input))
}
form.addEventListener('submit', (event) => {
  // Only reached when every field passed the constraint checks; there is no server here.
  event.preventDefault()
  const request = Object.fromEntries(
    inputs.filter((input) => input.value !== '').map((input) => [input.name, input.value]),
  )
  status.textContent = `Valid request, ready for CreateAccount: ${JSON.stringify(request)}`
  form.dataset.submitted = String(Number(form.dataset.submitted || 0) + 1)
})
for (const input of inputs) validate(input, false)
document.body.dataset.ready = 'true'
