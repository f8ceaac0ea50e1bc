'use strict'
// Serves the demo pages on 127.0.0.1 and drives them in headless Chromium (playwright-core):
// the form (its inputs take their attributes from fieldConstraints; bad values must show their
// hints and messages and block the submit, good values must make the form valid), the
// emulator page, and the SCP page (issues as you type, a decision over a small tree). The
// pages import the assembled npm package (pkg/npm) by name through an import map. A screenshot
// of each state is saved under test-output/browser/.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')
const { chromium } = require('playwright-core')

const ROOT = path.join(__dirname, '..')
const OUTPUT = path.join(ROOT, '..', 'test-output', 'browser')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitForServer(url, attempts = 100) {
  for (let i = 0; i < attempts; i++) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server at ${url} did not start`)
}

/**
 * Serves bindings-wasm/ (the demo pages and the npm package they import, pkg/npm), opens
 * `demo/<name>` in headless Chromium and waits until the page says it is ready; the server and
 * the browser stop when test `t` ends. The page's uncaught errors are collected in `pageErrors`.
 */
async function openDemo(t, name) {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'npm', 'package.json')), 'assemble the orgkit-wasm package first (make wasm)')
  fs.mkdirSync(OUTPUT, { recursive: true })
  const port = await freePort()
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', ROOT], {
    stdio: 'ignore',
  })
  t.after(() => server.kill())
  const url = `http://127.0.0.1:${port}/demo/${name}`
  await waitForServer(url)

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
  t.after(() => browser.close())
  const page = await browser.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]')
  return { page, pageErrors }
}

test('demo form takes its attributes from fieldConstraints, shows hints as the user types and blocks invalid submits', async (t) => {
  const { page, pageErrors } = await openDemo(t, 'index.html')

  const issuesOf = (id) => page.textContent(`#${id}-issues`)
  const detailOf = (id) => page.textContent(`#${id}-detail`)
  const formValid = () => page.evaluate(() => document.getElementById('create-account').checkValidity())
  const submitted = () => page.evaluate(() => document.getElementById('create-account').dataset.submitted || '0')
  const inputState = (id) => page.$eval(`#${id}`, (input) => ({
    required: input.required,
    pattern: input.pattern,
    minLength: input.minLength,
    maxLength: input.maxLength,
    patternMismatch: input.validity.patternMismatch,
    options: input.list ? [...input.list.options].map((option) => option.value) : [],
  }))

  // The attributes and the line under each input come from fieldConstraints.
  const email = await inputState('email')
  assert.deepEqual([email.required, email.minLength, email.maxLength], [true, 6, 64])
  assert.ok(email.pattern.includes('@'), email.pattern)
  const role = await inputState('role-name')
  assert.deepEqual([role.required, role.minLength, role.maxLength, role.pattern], [false, -1, 64, '[\\w+=,.@\\-]{1,64}'])
  assert.deepEqual((await inputState('billing')).options, ['ALLOW', 'DENY'])
  assert.equal((await inputState('parent-id')).required, true)
  assert.equal(await page.textContent('#email-hint'), 'Enter an email address like name@example.com.')
  assert.equal(await page.textContent('#billing-hint'), 'Choose one of: ALLOW, DENY.')
  assert.equal(await page.textContent('#parent-id-hint'), 'Enter a root ID (r-\u2026) or an OU ID (ou-\u2026).')

  // An untouched form is invalid and the browser refuses to submit it.
  assert.equal(await formValid(), false)
  await page.click('#submit')
  assert.equal(await submitted(), '0')
  assert.equal(await issuesOf('email'), 'This field is required.')
  assert.match(await detailOf('email'), /^Value null at 'email' failed to satisfy constraint: Member must not be null$/)

  // Bad values: each field shows orgkit's hint, with AWS's message under it.
  await page.fill('#email', 'finance prod@example')
  await page.fill('#account-name', 'Caf\u00e9 accounts')
  await page.fill('#role-name', 'Admin Role')
  await page.fill('#billing', 'MAYBE')
  await page.fill('#parent-id', '123456789012')
  assert.equal(await issuesOf('email'), 'Enter an email address like name@example.com.')
  // The issue's hint stands in for the field's own line.
  assert.equal(await page.isHidden('#email-hint'), true)
  assert.match(await detailOf('email'), /^Value \(redacted\) at 'email' failed to satisfy constraint: .*character ' ' at position 7 is not allowed/)
  assert.equal(await issuesOf('account-name'), 'Use ASCII letters, digits, spaces and punctuation only.')
  assert.match(await detailOf('account-name'), /character 'é' at position 3/)
  assert.equal(await issuesOf('role-name'), 'Use letters, digits and + = , . @ _ - only.')
  assert.match(await detailOf('role-name'), /character ' ' at position 5/)
  assert.equal(await issuesOf('billing'), 'Choose one of: ALLOW, DENY.')
  assert.match(await detailOf('billing'), /Value 'MAYBE' at 'iamUserAccessToBilling' failed to satisfy constraint: Member must satisfy enum value set: \[ALLOW, DENY\]/)
  assert.equal(await page.getAttribute('#billing', 'data-codes'), 'INVALID_ENUM')
  assert.equal(await issuesOf('parent-id'), 'Enter a root ID (r-\u2026) or an OU ID (ou-\u2026).')
  assert.match(await detailOf('parent-id'), /expected 'r-' \(a root\) or 'ou-' \(an organizational unit\)/)
  assert.equal(await page.getAttribute('#email', 'data-codes'), 'INVALID_PATTERN')
  assert.equal(await page.getAttribute('#parent-id', 'aria-invalid'), 'true')
  assert.equal(await page.evaluate(() => document.getElementById('role-name').validationMessage), 'Use letters, digits and + = , . @ _ - only.')
  // The browser's own pattern check agrees with orgkit's.
  for (const id of ['email', 'account-name', 'role-name', 'parent-id']) {
    assert.equal((await inputState(id)).patternMismatch, true, id)
  }
  await page.click('#submit')
  assert.equal(await formValid(), false)
  assert.equal(await submitted(), '0')
  assert.equal(await page.textContent('#status'), '')
  await page.screenshot({ path: path.join(OUTPUT, 'demo-invalid.png'), fullPage: true })

  // Good values: no messages, the form is valid and submits.
  await page.fill('#email', 'finance-prod@example.com')
  await page.fill('#account-name', 'Finance production')
  await page.fill('#role-name', '')
  await page.fill('#billing', 'DENY')
  await page.fill('#parent-id', 'ou-abcd-12345678')
  for (const id of ['email', 'account-name', 'role-name', 'billing', 'parent-id']) {
    assert.equal(await issuesOf(id), '', id)
    assert.equal(await detailOf(id), '', id)
    assert.equal((await inputState(id)).patternMismatch, false, id)
    assert.equal(await page.isVisible(`#${id}-hint`), true, id)
  }
  assert.equal(await formValid(), true)
  await page.click('#submit')
  assert.equal(await submitted(), '1')
  assert.match(await page.textContent('#status'), /"IamUserAccessToBilling":"DENY"\}, then MoveAccount to ou-abcd-12345678/)
  await page.screenshot({ path: path.join(OUTPUT, 'demo-valid.png'), fullPage: true })

  assert.deepEqual(pageErrors, [])
})

test('the emulator runs in the page', async (t) => {
  const { page, pageErrors } = await openDemo(t, 'emulator.html')
  assert.match(await page.textContent('#tree'), /^Root \(r-[0-9a-z]{4}\)\n  · account-111111111111 \(111111111111\)$/)

  await page.fill('#ou-name', 'Engineering')
  await page.click('#add-ou-button')
  assert.match(await page.textContent('#result'), /^Created Engineering \(ou-[0-9a-z]{4}-[0-9a-z]{8}\)$/)
  assert.match(await page.textContent('#tree'), /\n  Engineering \(ou-/)

  // The same name again under the same parent: AWS's error, shown as such.
  await page.click('#add-ou-button')
  assert.match(await page.textContent('#result'), /^DuplicateOrganizationalUnitException: /)
  assert.equal(await page.getAttribute('#result', 'data-failed'), 'true')

  await page.fill('#invitee', '222222222222')
  await page.click('#invite-button')
  assert.match(await page.textContent('#result'), /^222222222222 accepted handshake h-/)
  assert.match(await page.textContent('#tree'), /· account-222222222222 \(222222222222\)/)
  await page.fill('#invitee', 'not-an-account')
  await page.click('#invite-button')
  assert.match(await page.textContent('#result'), /^InvalidInputException \(INVALID_PARTY_TYPE_TARGET\): Value \(redacted\) at 'target.id'/)
  await page.screenshot({ path: path.join(OUTPUT, 'emulator.png'), fullPage: true })
  assert.deepEqual(pageErrors, [])
})

test('the SCP page shows issues as you type and explains a decision over a tree', async (t) => {
  const { page, pageErrors } = await openDemo(t, 'scp.html')
  const issues = () => page.textContent('#document-issues')

  // An invalid document: each issue with its code and path, as the user types.
  await page.getByLabel('Policy document (JSON), checked as you type').fill(
    '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}')
  assert.match(await issues(), /INVALID_EFFECT at Statement\[0\]\.Effect: /)
  assert.equal(await page.getAttribute('#document', 'aria-invalid'), 'true')
  assert.equal(await page.getAttribute('#document', 'data-codes'), 'INVALID_EFFECT')
  await page.screenshot({ path: path.join(OUTPUT, 'scp-issues.png'), fullPage: true })
  // Fixed: no issues.
  await page.fill('#document', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::logs/*"}]}')
  assert.equal(await issues(), 'No issues.')
  assert.equal(await page.getAttribute('#document', 'aria-invalid'), 'false')
  // The 2017 rules had no NotResource: the edition applies as soon as it is chosen.
  await page.getByLabel('Rules').selectOption('original')
  assert.match(await issues(), /UNSUPPORTED_ELEMENT at Statement\[0\]\.NotResource/)
  await page.getByLabel('Rules').selectOption('current')
  assert.equal(await issues(), 'No issues.')

  // The tree: root and account with p-FullAWSAccess; an OU with it and a Deny of s3:*.
  await page.getByRole('button', { name: 'Add an OU' }).click()
  assert.equal(await page.getByLabel('OU 1 ID').inputValue(), 'ou-abcd-11111111')
  await page.getByRole('button', { name: 'Attach a policy to OU 1' }).click()
  await page.getByLabel('Policy 2 at OU 1: ID').fill('p-nos3example')
  await page.getByLabel('Policy 2 at OU 1: document').fill(
    '{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}')
  await page.getByLabel('Action').fill('s3:GetObject')
  await page.getByLabel('Resource').fill('arn:aws:s3:::reports/2026.csv')
  await page.getByRole('button', { name: 'Ask' }).click()
  const verdict = await page.textContent('#verdict')
  assert.match(verdict, /^Denied: statement 0 \(Sid NoS3\) of p-nos3example at OU 1 \(ou-abcd-11111111\) explicitly denies it\.$/)
  assert.equal(await page.getAttribute('#verdict', 'data-state'), 'denied')
  const rows = await page.$$eval('#outcomes tbody tr', (trs) => trs.map((tr) => [tr.dataset.outcome, tr.innerText.replace(/\s+/g, ' ').trim()]))
  assert.deepEqual(rows, [
    ['allowed', 'Root r-abcd Allowed by statement 0 of p-FullAWSAccess'],
    ['denied', 'OU 1 ou-abcd-11111111 Denied by statement 0 (Sid NoS3) of p-nos3example'],
    ['allowed', 'Account 111111111111 Allowed by statement 0 of p-FullAWSAccess'],
  ])
  const explained = await page.textContent('#explanation')
  assert.match(explained, /^Denied: /)
  assert.match(explained, /\n  level 1 \(ou-abcd-11111111\): denied by statement 0 \(Sid "NoS3"\) of policy p-nos3example\n/)
  await page.screenshot({ path: path.join(OUTPUT, 'scp-denied.png'), fullPage: true })

  // Once asked, every change asks again: another action is allowed; a broken document is
  // shown beside itself and nothing is evaluated; the management account is exempt.
  await page.getByLabel('Action').fill('ec2:RunInstances')
  assert.match(await page.textContent('#verdict'), /^Allowed: an Allow matches at every level/)
  await page.getByLabel('Policy 1 at Account: document').fill('{"Version":"2012-10-17"}')
  assert.match(await page.textContent('#verdict'), /^Not asked: 1 issue\(s\) in the policies above/)
  const accountIssues = page.locator('fieldset[data-kind="account"] .policy .issues').first()
  assert.match(await accountIssues.textContent(), /^MISSING_ELEMENT at Statement: /)
  await page.getByRole('button', { name: 'Remove policy 1 at Account' }).click()
  assert.match(await page.textContent('#verdict'), /^Denied: no SCP attached at Account \(111111111111\) allows it/)
  await page.getByLabel('Principal').selectOption('management_account')
  assert.match(await page.textContent('#verdict'), /^Allowed: SCPs do not affect this principal\.$/)
  assert.equal(await page.isHidden('#outcomes'), true)
  await page.getByLabel('Principal').selectOption('user')
  // OUs come and go; at most five nest under the root.
  await page.getByRole('button', { name: 'Remove OU 1' }).click()
  assert.deepEqual(await page.$$eval('#outcomes tbody th', (ths) => ths.map((th) => th.textContent)), ['Root', 'Account'])
  for (let n = 1; n <= 5; n++) await page.getByRole('button', { name: 'Add an OU' }).click()
  assert.equal(await page.getByRole('button', { name: 'Add an OU' }).isDisabled(), true)
  assert.equal(await page.getByLabel('OU 5 ID').inputValue(), 'ou-abcd-55555555')
  assert.equal(await page.locator('#outcomes tbody tr').count(), 7)
  await page.getByLabel('Action').fill('s3')
  assert.match(await page.textContent('#verdict'), /^Not asked: action must be service:Action/)
  assert.deepEqual(pageErrors, [])
})
