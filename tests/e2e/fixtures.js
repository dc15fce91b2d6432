// Definitions shared by the end-to-end specs.

/**
 * A JSONata loop that never ends by itself (a Pass whose Output is `work`, and a Choice back):
 * it keeps the execution worker busy until Cancel or the Express 5-minute virtual limit.
 */
function endlessLoop(work) {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Spin',
    States: {
      Spin: { Type: 'Pass', Output: work, Next: 'Again' },
      Again: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input < 0 %}', Next: 'Done' }],
        Default: 'Spin',
      },
      Done: { Type: 'Succeed' },
    },
  };
}

module.exports = { endlessLoop };
