// Council meetings (issue 7), end to end. Two elders join one meeting from two kiosks (two
// browser contexts with Chromium's fake camera and microphone) while the host runs it through
// the API and watches the live stream in a third context: the WebRTC connection carries
// sound and picture, a motion is opened, both vote (one changes her mind), the result
// reaches everyone, a raised hand reaches the host. Every meeting screen passes axe.
import { Browser, Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { Host, bytesReceived, keepPeerConnections, liveUntil, watchLive } from './fixtures/council';
import { Kiosk } from './fixtures/kiosk';
import { clearSpoken, expectSpoken, spoken, spyOnSpeech } from './fixtures/speech';

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** A second kiosk: its own browser context, nothing shared with the first. */
async function anotherKiosk(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** Signs in at the kiosk and opens the council list. */
async function toCouncil(page: Page, card: string, pin: string): Promise<void> {
  await keepPeerConnections(page);
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn(card, pin);
  await page.getByRole('button', { name: '议事会' }).click();
  await expect(h1(page, '议事会')).toBeVisible();
}

/** From the list, through the meeting and the pre-join screen, into the room. */
async function joinFromList(page: Page, topic: string, scan: boolean): Promise<void> {
  await page.getByRole('button', { name: new RegExp(topic) }).click();
  await expect(h1(page, topic)).toBeVisible();
  await expect(page.getByText('正在开会，可以进入').or(page.getByRole('button', { name: '进入会议' })).first()).toBeVisible();
  await clearSpoken(page);
  await page.getByRole('button', { name: '线上参加' }).click();
  await expect(page.getByRole('button', { name: '线上参加' })).toHaveAttribute('aria-pressed', 'true');
  // The button says what happened; the screen does not read the whole meeting again.
  await expectSpoken(page, /线上参加，已经告诉工作人员了/, 'zh-CN');
  expect((await spoken(page)).filter((u) => u.text.includes(`议事会：${topic}`))).toEqual([]);
  if (scan) await expectAccessible(page, 'a meeting, replied');
  await page.getByRole('button', { name: '进入会议' }).click();
  await expect(h1(page, '准备进入会议')).toBeVisible();
  await expectSpoken(page, /摄像头和麦克风/, 'zh-CN');
  await page.getByRole('button', { name: '试听声音' }).click();
  await expectSpoken(page, /听到“嘀”的一声了吗/, 'zh-CN');
  await page.getByRole('button', { name: '听到了' }).click();
  await expect(page.getByText('好的，声音正常。')).toBeVisible();
  if (scan) await expectAccessible(page, 'pre-join');
  await page.getByRole('button', { name: '进入会议' }).click();
  await expect(page.getByRole('button', { name: '举手' })).toBeVisible();
}

test('two elders and a host hold a meeting: sound and picture, a vote, a raised hand', async ({ browser, page, request }) => {
  test.setTimeout(180_000);
  const host = new Host(request);
  await host.signIn();
  const topic = '花园边放长椅';
  const meeting = await host.liveMeeting(topic);
  const hostPage = await (await browser.newContext()).newPage();
  await watchLive(hostPage, meeting, await host.join(meeting));

  const wang = page;
  const zhang = await anotherKiosk(browser);
  await toCouncil(wang, '10000001', '123456');
  await expect(wang.getByText(`今天`).first()).toBeVisible();
  await expectSpoken(wang, new RegExp(`${topic}`), 'zh-CN');
  await expectAccessible(wang, 'council: meetings');
  await joinFromList(wang, topic, true);
  await toCouncil(zhang, '10000003', '345678');
  await joinFromList(zhang, topic, false);
  await liveUntil(hostPage, (l) => l.present.length === 3);

  // Each elder's browser receives the other's sound and picture over WebRTC.
  for (const elder of [wang, zhang]) {
    await expect(elder.getByTestId('remote-video')).toHaveCount(1);
    await expect.poll(async () => (await bytesReceived(elder)).audio, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await bytesReceived(elder)).video, { timeout: 30_000 }).toBeGreaterThan(0);
  }

  // Mute stops the microphone's track from sending; unmute brings it back.
  const micOn = (page: Page) =>
    page.evaluate(() =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
        .flatMap((pc) => pc.getSenders())
        .filter((s) => s.track?.kind === 'audio')
        .map((s) => s.track!.enabled),
    );
  expect(await micOn(wang)).toEqual([true]);
  await wang.getByRole('button', { name: '静音' }).click();
  await expect(wang.getByRole('button', { name: '打开声音' })).toBeVisible();
  expect(await micOn(wang)).toEqual([false]);
  await wang.getByRole('button', { name: '打开声音' }).click();
  await expect(wang.getByRole('button', { name: '静音' })).toBeVisible();
  expect(await micOn(wang)).toEqual([true]);

  // The host names the item and captions it: large on both screens.
  const [item] = await host.agendaItems(meeting);
  await host.now(meeting, item.id, { zh: '大家说说长椅放哪里好', en: 'Where should the benches go?' });
  for (const elder of [wang, zhang]) {
    await expect(elder.getByTestId('now-item')).toContainText('长椅放在哪里');
    await expect(elder.getByTestId('caption')).toHaveText('大家说说长椅放哪里好');
  }
  await expectAccessible(wang, 'meeting room');

  // A motion: both see it large and hear it; both vote, one changes her mind.
  await clearSpoken(wang);
  const motionText = '在花园东边放三张长椅';
  const motion = await host.openMotion(meeting, motionText);
  for (const elder of [wang, zhang]) {
    await expect(elder.getByTestId('motion')).toContainText(motionText);
  }
  await expectSpoken(wang, /现在表决：在花园东边放三张长椅/, 'zh-CN');
  await expectAccessible(wang, 'meeting room: a vote');
  const votedAt = Date.now();
  await wang.getByRole('button', { name: '赞成' }).click();
  const counted = await liveUntil(hostPage, (l) => l.motion?.votes_cast === 1);
  await expect(wang.getByRole('button', { name: '赞成' })).toHaveAttribute('aria-pressed', 'true');
  await zhang.getByRole('button', { name: '反对' }).click();
  await expect(zhang.getByRole('button', { name: '反对' })).toHaveAttribute('aria-pressed', 'true');
  await zhang.getByRole('button', { name: '赞成' }).click();
  await expect(zhang.getByRole('button', { name: '赞成' })).toHaveAttribute('aria-pressed', 'true');
  await expect(zhang.getByRole('button', { name: '反对' })).toHaveAttribute('aria-pressed', 'false');
  await expect(zhang.getByTestId('votes-cast')).toHaveText('已有 2 人表决');

  const closedAt = Date.now();
  await host.closeMotion(motion);
  const result = '通过：赞成 2 票，反对 0 票，弃权 0 票';
  const seenBy: Record<string, number> = {};
  for (const [name, elder] of [['王秀英', wang], ['张桂兰', zhang]] as const) {
    await expect(elder.getByTestId('motion-result')).toContainText(result);
    seenBy[name] = Date.now() - closedAt;
  }
  const hostSaw = await liveUntil(hostPage, (l) => !!l.motion?.result);
  expect(hostSaw.live.motion!.result).toEqual(expect.objectContaining({ yes: 2, no: 0, abstain: 0, outcome: 'carried' }));
  await expectSpoken(wang, /表决结束：在花园东边放三张长椅。通过/, 'zh-CN');
  await expectAccessible(wang, 'meeting room: the result');
  console.log(
    `council latency: vote → host's stream ${counted.at - votedAt} ms; close → result: host ${hostSaw.at - closedAt} ms, ` +
      `王秀英 ≤${seenBy['王秀英']} ms, 张桂兰 ≤${seenBy['张桂兰']} ms`,
  );

  // A raised hand reaches the host's queue; given the floor, she is told.
  await clearSpoken(zhang);
  await zhang.getByRole('button', { name: '举手' }).click();
  await expect(zhang.getByTestId('hand-place')).toHaveText('您已举手，排在第 1 位。');
  await expect(zhang.getByRole('button', { name: '放下手' })).toBeVisible();
  const raised = await liveUntil(hostPage, (l) => l.hands.some((h) => h.person.name === '张桂兰'));
  await host.takeHand(meeting, raised.live.hands[0].id);
  await expect(zhang.getByTestId('hand-place')).toHaveText('轮到您发言了，请说吧。');
  await expectSpoken(zhang, /轮到您发言了/, 'zh-CN');

  // Leaving: out of the room, back at the meeting; the host sees one fewer.
  await wang.getByRole('button', { name: '离开会议' }).click();
  await expect(h1(wang, topic)).toBeVisible();
  await liveUntil(hostPage, (l) => l.present.length === 2);
});

test('a concern raised at the kiosk goes onto an agenda, and last week’s minutes are read', async ({ page, request }) => {
  await toCouncil(page, '10000002', '234567');
  await page.getByRole('button', { name: '提意见', exact: true }).click();
  await expect(h1(page, '提意见')).toBeVisible();
  await expectSpoken(page, /您想说哪方面的事/, 'zh-CN');
  await page.getByRole('button', { name: '噪音' }).click();
  await page.getByLabel('想多说几句（可以不写）').fill('楼下晚上装修太吵');
  await expectAccessible(page, 'raise a concern');
  await page.getByRole('button', { name: '发送' }).click();
  await expect(h1(page, '意见已收到')).toBeVisible();
  await page.getByRole('button', { name: '我提的意见' }).click();
  await expect(h1(page, '我提的意见')).toBeVisible();
  await expect(page.getByTestId('concern-status').first()).toHaveText('已收到，工作人员会看');
  await expectAccessible(page, 'my concerns');

  // Staff put it on the agenda of the coming community meeting; the elder sees where.
  const host = new Host(request);
  await host.signIn();
  await host.triageToAgenda('楼下晚上装修太吵', '加装电梯意见征集', '晚上装修噪音');
  // (A kiosk forgets everything on reload, so the elder goes back and in again.)
  await page.getByRole('button', { name: '返回' }).click();
  await expect(h1(page, '议事会')).toBeVisible();
  await page.getByRole('button', { name: '我提的意见' }).click();
  await expect(page.getByTestId('concern-status').first()).toContainText('已列入议事会');
  await expect(page.getByTestId('concern-status').first()).toContainText('晚上装修噪音');

  // Last week's meeting: minutes, and each decision with its votes and follow-up.
  await page.getByRole('button', { name: '返回' }).click();
  await expect(h1(page, '议事会')).toBeVisible();
  await clearSpoken(page);
  await page.getByRole('button', { name: /小区停车和楼道照明/ }).click();
  await expect(page.getByTestId('minutes')).toContainText('3号楼楼道照明');
  const decisions = page.getByTestId('decision');
  await expect(decisions).toHaveCount(2);
  await expect(decisions.nth(1)).toContainText('通过：赞成 3 票，反对 0 票，弃权 1 票');
  await expect(decisions.nth(1).getByTestId('follow-up')).toHaveText('已经安排：维修队下周一上午来修');
  await expectSpoken(page, /会议记录/, 'zh-CN');
  await expectAccessible(page, 'a past meeting: minutes and decisions');
});
