'use strict'
// Reads [[kind, value], ...] as JSON on stdin and prints, for each pair, what orgkit's Node
// binding says: { valid, issues: [{ code, message }] }. Used by `make demo` to show Python and
// Node side by side.
const orgkit = require('../orgkit.js')

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => (input += chunk))
process.stdin.on('end', () => {
  const results = JSON.parse(input).map(([kind, value]) => {
    if (kind === 'Arn') {
      const { valid, issues } = orgkit.inspectArn(value)
      return { valid, issues }
    }
    const { valid, issues } = orgkit.checkValue(kind, value)
    return { valid, issues }
  })
  process.stdout.write(JSON.stringify(results))
})
