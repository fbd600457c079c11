import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageBus, Topic } from './message-bus.js';

describe('Topic', () => {
  test('calls handlers synchronously, in subscription order', () => {
    const topic = new Topic<number>('t');
    const calls: string[] = [];
    assert.equal(topic.hasSubscribers, false);
    topic.subscribe((m) => calls.push(`a${m}`));
    topic.subscribe((m) => calls.push(`b${m}`));
    topic.subscribe((m) => calls.push(`c${m}`));
    assert.equal(topic.hasSubscribers, true);
    topic.publish(1);
    calls.push('after');
    topic.publish(2);
    assert.deepEqual(calls, ['a1', 'b1', 'c1', 'after', 'a2', 'b2', 'c2']);
  });

  test('a handler unsubscribing itself during publish does not skip the others', () => {
    const topic = new Topic<number>('t');
    const calls: string[] = [];
    const offA = topic.subscribe((m) => {
      calls.push(`a${m}`);
      offA();
    });
    topic.subscribe((m) => calls.push(`b${m}`));
    topic.subscribe((m) => calls.push(`c${m}`));
    topic.publish(1);
    topic.publish(2);
    assert.deepEqual(calls, ['a1', 'b1', 'c1', 'b2', 'c2']);
  });

  test('unsubscribing a later handler during publish takes effect from the next publish', () => {
    const topic = new Topic<number>('t');
    const calls: string[] = [];
    let offC: () => void = () => {};
    topic.subscribe((m) => {
      calls.push(`a${m}`);
      offC();
    });
    topic.subscribe((m) => calls.push(`b${m}`));
    offC = topic.subscribe((m) => calls.push(`c${m}`));
    topic.subscribe((m) => calls.push(`d${m}`));
    topic.publish(1); // dispatch works on a snapshot: c still runs, d is not skipped
    topic.publish(2);
    assert.deepEqual(calls, ['a1', 'b1', 'c1', 'd1', 'a2', 'b2', 'd2']);
  });

  test('subscribing during publish: the new handler starts with the next message', () => {
    const topic = new Topic<number>('t');
    const calls: string[] = [];
    let added = false;
    topic.subscribe((m) => {
      calls.push(`a${m}`);
      if (!added) {
        added = true;
        topic.subscribe((n) => calls.push(`new${n}`));
      }
    });
    topic.subscribe((m) => calls.push(`b${m}`));
    topic.publish(1);
    topic.publish(2);
    assert.deepEqual(calls, ['a1', 'b1', 'a2', 'b2', 'new2']);
  });

  test('unsubscribe is idempotent and leaves the topic without subscribers', () => {
    const topic = new Topic<number>('t');
    const calls: number[] = [];
    const off = topic.subscribe((m) => calls.push(m));
    off();
    off();
    topic.publish(1);
    assert.deepEqual(calls, []);
    assert.equal(topic.hasSubscribers, false);
  });

  test('each unsubscribe function removes only its own subscription', () => {
    const topic = new Topic<number>('t');
    const calls: number[] = [];
    const handler = (m: number) => calls.push(m);
    const offFirst = topic.subscribe(handler);
    topic.subscribe(handler);
    offFirst();
    topic.publish(7);
    assert.deepEqual(calls, [7]); // the second subscription is still there
  });
});

describe('MessageBus', () => {
  test('topics by name: same instance, order kept, publish to an unknown topic is a no-op', () => {
    const bus = new MessageBus();
    const topic = bus.topic<string>('data.bars.X.SIM');
    assert.equal(bus.topic<string>('data.bars.X.SIM'), topic);
    assert.equal(topic.name, 'data.bars.X.SIM');
    const calls: string[] = [];
    bus.subscribe<string>('data.bars.X.SIM', (m) => calls.push(`1:${m}`));
    topic.subscribe((m) => calls.push(`2:${m}`));
    const off = bus.subscribe<string>('data.bars.X.SIM', (m) => calls.push(`3:${m}`));
    bus.publish('data.bars.X.SIM', 'x');
    off();
    topic.publish('y');
    bus.publish('nobody.listens', 'z');
    bus.subscribe<string>('other', (m) => calls.push(`other:${m}`));
    bus.publish('other', 'w');
    assert.deepEqual(calls, ['1:x', '2:x', '3:x', '1:y', '2:y', 'other:w']);
  });
});
