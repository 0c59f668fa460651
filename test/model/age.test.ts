import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatAge, toMillis} from '../../source/model/index.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

test('formatAge matches duration.HumanDuration below ten minutes', () => {
	assert.equal(formatAge(0), '0s');
	assert.equal(formatAge(59 * s), '59s');
	assert.equal(formatAge(119 * s), '119s');
	assert.equal(formatAge(120 * s), '2m');
	assert.equal(formatAge(200 * s), '3m20s');
	assert.equal(formatAge(3 * m), '3m');
	assert.equal(formatAge(9 * m + 59 * s), '9m59s');
});

test('formatAge matches duration.HumanDuration in minutes and hours', () => {
	assert.equal(formatAge(10 * m), '10m');
	assert.equal(formatAge(45 * m + 30 * s), '45m');
	assert.equal(formatAge(179 * m), '179m');
	assert.equal(formatAge(3 * h), '3h');
	assert.equal(formatAge(3 * h + 20 * m), '3h20m');
	assert.equal(formatAge(7 * h + 59 * m), '7h59m');
	assert.equal(formatAge(8 * h + 30 * m), '8h');
	assert.equal(formatAge(27 * h), '27h');
	assert.equal(formatAge(47 * h + 59 * m), '47h');
});

test('formatAge matches duration.HumanDuration in days and years', () => {
	assert.equal(formatAge(2 * d), '2d');
	assert.equal(formatAge(3 * d + 5 * h), '3d5h');
	assert.equal(formatAge(3 * d), '3d');
	assert.equal(formatAge(7 * d + 23 * h), '7d23h');
	assert.equal(formatAge(8 * d), '8d');
	assert.equal(formatAge(45 * d), '45d');
	assert.equal(formatAge(729 * d), '729d');
	assert.equal(formatAge(730 * d), '2y');
	assert.equal(formatAge(730 * d + 10 * d), '2y10d');
	assert.equal(formatAge(8 * 365 * d + 100 * d), '8y');
});

test('a time a little in the future (clock skew) reads as just now, not <invalid>', () => {
	assert.equal(formatAge(-500), '0s');
	assert.equal(formatAge(-1999), '0s');
	assert.equal(formatAge(-2000), '0s');
	assert.equal(formatAge(-90 * s), '0s');
	assert.equal(formatAge(-5 * m), '0s');
});

test('a time well in the future reads as a negative age: how far ahead it is', () => {
	assert.equal(formatAge(-5 * m - s), '-5m1s');
	assert.equal(formatAge(-3 * h), '-3h');
	assert.equal(formatAge(-3 * d - 5 * h), '-3d5h');
	assert.equal(formatAge(Number.NaN), '<invalid>');
});

test('toMillis accepts RFC 3339 strings and Dates', () => {
	assert.equal(toMillis('2021-07-21T17:20:02Z'), Date.UTC(2021, 6, 21, 17, 20, 2));
	assert.equal(toMillis('2021-07-21T17:20:02.512345Z'), Date.UTC(2021, 6, 21, 17, 20, 2, 512));
	assert.equal(toMillis(new Date(Date.UTC(2021, 6, 21))), Date.UTC(2021, 6, 21));
	assert.equal(toMillis(undefined), undefined);
	assert.equal(toMillis(null), undefined);
	assert.equal(toMillis(''), undefined);
	assert.equal(toMillis('yesterday'), undefined);
	assert.equal(toMillis(new Date('nope')), undefined);
});
