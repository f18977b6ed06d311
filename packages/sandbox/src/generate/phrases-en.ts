import type { PhraseBook } from './phrase-book.ts';

/** English phrase templates. Slots: {name} {agent} {feature} {project} {day} {n} {bug}. */
export const PHRASES_EN: PhraseBook = {
  openers: ['Hi {name},', 'Hello {name},', 'Hey {name},', 'Good morning {name},', ''],
  clientOpeners: ['Hi {agent},', 'Hello {agent},', 'Hi team,', 'Hey {agent},', ''],
  closers: ['Thanks!', 'Best,', 'Cheers', 'Kind regards', ''],
  bodies: {
    0: [
      'Could you add {feature} to the next sprint? We need it before the launch.',
      'We would like to change how {feature} works: the current version confuses our users.',
      'Can you prepare an estimate for {feature}? Our board meets on {day}.',
      'Please update the copy on the {feature} screen, new texts are in the shared doc.',
      'One more request: we need {feature} to support two languages.',
    ],
    1: [
      'When will {feature} be ready? We promised a date to our management.',
      'What is the status of {feature}? I have not seen an update this week.',
      'Is the release still planned for {day}?',
      'Could you share where we are with {project}?',
      'Quick question: is {feature} already on staging?',
    ],
    2: [
      'Approved, please go ahead with {feature}.',
      'Looks good to us, you can ship it on {day}.',
      'We reviewed the designs for {feature}, all approved.',
      'The estimate works for us, let us start.',
    ],
    3: [
      'Thank you, {feature} works great!',
      'Thanks a lot, the team loves the new version.',
      'Great job on the release, everything went smoothly.',
      'Much appreciated, that was fast.',
      'Perfect, thank you for the quick fix.',
    ],
    4: [
      'This is the second time {feature} is late. We are not happy with the pace.',
      'The last release broke {feature} again, our users are complaining.',
      'We are disappointed: the deadline for {feature} was missed without any warning.',
      'Honestly the quality has dropped, we keep finding bugs in {feature}.',
      'Nobody answered my previous message for days. This is frustrating.',
      'The delays on {project} are becoming a real problem for us.',
    ],
    5: [
      'This is unacceptable. If {feature} is not fixed by {day} we will cancel the contract.',
      'We are considering a refund for the last two sprints, the work was not delivered.',
      'I am escalating this to our CEO. The missed deadlines are unacceptable.',
      'Our lawyer will review the contract terms if this continues.',
      'We want to cancel the remaining work on {project} unless we get a recovery plan today.',
    ],
    6: [
      'We also want to start another project: a {feature} for our partners. Can we talk?',
      'Next quarter we plan a new project and would love your team on it.',
      'Could you also take over {feature}? It is a new need from our sales team.',
      'We have budget for an additional phase, let us discuss the scope.',
    ],
    7: [
      'Found a bug: {bug} on {feature}.',
      'Users report {bug} since yesterday.',
      'Something is wrong with {feature}: {bug}. Can you check?',
      'Bug on production: {bug}. Screenshot attached.',
    ],
    8: [
      'Any update on this?',
      'Following up on my previous message, could you reply?',
      'Still waiting for an answer on {feature}.',
      'Hello? We need an answer today.',
    ],
    9: [
      'Thanks, {name}. We are on it and will come back with details by {day}.',
      'Got it, I have added this to our board.',
      'Thanks for flagging, we are looking into it now.',
      'Noted, I will discuss {feature} with the team today.',
    ],
    10: [
      '{feature} is in progress, about {n}% done. We expect to finish by {day}.',
      'Quick update: {feature} is on staging, please take a look.',
      'We finished the backend for {feature}, the UI is next.',
      'Status for {project}: {n} tasks closed this week, the release is on track.',
    ],
    11: [
      '{feature} is live. Let us know if anything looks off.',
      'The release with {feature} is deployed to production.',
      'Done! The fix for {bug} is deployed.',
    ],
    12: [
      'Sorry for the delay on {feature}, we underestimated the integration work. New date: {day}.',
      'Apologies, {name}. We dropped the ball here and are fixing it with priority.',
      'We are sorry about the regression, a fix is being tested now.',
    ],
    13: [
      'Could you confirm the priority of {feature} versus the bug fixes?',
      'Do you have the API credentials for the payment provider?',
      'Can we schedule a call on {day} to walk through {feature}?',
    ],
    14: [
      'Hi {name}, just checking in: how is everything going with {project}?',
      'Hope all is well. Anything we can help with this month?',
    ],
    15: [
      'Internal: client is unhappy about {feature}, please prioritise.',
      'Internal: estimate for {feature} is {n} points, waiting for approval.',
      'Internal: let us offer a call before replying.',
    ],
    16: ['Conversation was marked resolved by {agent}'],
    17: ['Assigned to {agent} by {agent}'],
    18: [''],
  },
};
