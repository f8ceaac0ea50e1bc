'use strict'
// The shared paginator vectors (tests/vectors/paginate.json), run against the `PageWalk` both JS
// builds expose: the Node package (ORGKIT_IMPL=node) and the WebAssembly build (ORGKIT_IMPL=wasm).
// Each case's fake service answers by the request's NextToken; the walk must make the expected
// requests, keep the expected items and end with the expected resume token or error code.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { orgkit, impl } = require('./impl.cjs')
const vectors = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', name), 'utf8'))

function walkCase(c) {
  const requests = []
  const pages = []
  const outcome = { requests, pages }
  let walk
  try {
    const { max_items: maxItems, page_size: pageSize, starting_token: startingToken } = c.config
    walk = new orgkit.PageWalk(c.service, c.operation, maxItems, pageSize, startingToken)
    const { resultKey } = walk.members
    let patch
    while ((patch = walk.nextRequest()) !== null) {
      requests.push([patch.token ?? null, patch.limit ?? null])
      const response = c.responses[patch.token ?? '']
      const [start, end] = walk.receivePage(response)
      pages.push((response[resultKey] ?? []).slice(start, end))
    }
    if (walk.resumeToken !== undefined && walk.resumeToken !== null) outcome.resume_token = walk.resumeToken
  } catch (error) {
    assert.ok(error instanceof Error, `${c.name}: throws an Error`)
    assert.match(error.name, /^Orgkit(Pagination|UnknownOperation)Error$/, c.name)
    outcome.error = error.code
  }
  return outcome
}

test(`[${impl}] paginator vectors`, () => {
  const { cases } = vectors('paginate.json')
  assert.ok(cases.length >= 30)
  for (const c of cases) assert.deepEqual(walkCase(c), c.expect, c.name)
})

test(`[${impl}] pagination error codes match the catalogue`, () => {
  assert.deepEqual([...orgkit.paginationErrorCodes()], vectors('catalogue.json').pagination_error_codes)
})

test(`[${impl}] unusable options and malformed pages are coded errors with a reason`, () => {
  for (const options of [[-1], [1.5], [NaN], [undefined, '10'], [undefined, 0], [undefined, undefined, 5],
    [undefined, undefined, '\ud800']]) {
    assert.throws(() => new orgkit.PageWalk('organizations', 'ListRoots', ...options),
      (e) => e.code === 'INVALID_PAGINATION_CONFIG' && /invalid pagination option/.test(e.message), String(options))
  }
  for (const [page, fragment] of [[undefined, 'is of type null, not a structure'], ['x', 'is of type string, not a structure'],
    [{ Roots: 5.5 }, 'has Roots of type float, not a list'], [{ Roots: [], NextToken: {} }, 'has NextToken of type structure, not a string']]) {
    const walk = new orgkit.PageWalk('organizations', 'ListRoots')
    walk.nextRequest()
    assert.throws(() => walk.receivePage(page), (e) => e.code === 'MALFORMED_PAGE' && e.message.includes(fragment), fragment)
    assert.equal(walk.nextRequest(), null, 'a rejected page ends the walk')
  }
})
