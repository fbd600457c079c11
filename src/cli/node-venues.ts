/**
 * Where a trading node's market data comes from and what it trades, per `--venue`: the
 * simulated market (no network), Alpaca (US equities) or a ccxt exchange (crypto). The data
 * clients are those of `quantflow stream` (stream-venues.ts); this adds the instruments with
 * their tick and lot sizes, known for a ccxt venue only once its markets are loaded.
 */
import type { AlpacaConfig } from '../adapters/alpaca/alpaca-config.js';
import type { AlpacaDataClient } from '../adapters/alpaca/alpaca-data-client.js';
import type { CcxtDataClient } from '../adapters/ccxt/data-client.js';
import type { CcxtConfig } from '../adapters/ccxt/config.js';
import type { Clock } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { DataKind, type DataClient } from '../data/feed/data-client.js';
import { MarketSimFeed } from '../data/feed/market-sim-feed.js';
import { RandomWalkFeed } from '../data/feed/random-walk-feed.js';
import { parseInstrumentId, symbolOf, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../model/instruments/instrument.js';
import { currency, type Currency } from '../model/types/currency.js';
import { alpacaSource, ccxtSource, DEFAULT_SYMBOLS } from './stream-venues.js';

/** A node's market data and instruments. */
export interface NodeVenue {
  /** `sim`, `alpaca` or the ccxt exchange id. */
  readonly name: string;
  readonly client: DataClient;
  readonly kinds: readonly DataKind[];
  readonly accountCurrency: Currency;
  /** The instruments, once the client is connected. */
  readonly instruments: () => readonly Instrument[];
  /** Alpaca's settings (for its execution client). */
  readonly alpaca?: AlpacaConfig;
  /** The ccxt settings (for its execution client). */
  readonly ccxt?: CcxtConfig;
}

export interface NodeVenueOptions {
  readonly venue: string;
  readonly symbols?: string;
  readonly source: string;
  readonly seed: number;
  /** How long the simulated market must run, µs. */
  readonly simDurationUs: number;
  /** Alpaca: a JSON config file. */
  readonly config?: string;
  /** ccxt: the account currency (default USDT). */
  readonly currency?: string;
}

const SIM_SYMBOLS = 'BTCUSD,ETHUSD';

export async function nodeVenue(options: NodeVenueOptions, clock: Clock): Promise<NodeVenue> {
  const venue = options.venue.toLowerCase();
  if (venue === 'sim') return simVenue(options, clock);
  if (venue === 'alpaca') {
    const source = alpacaSource(options.symbols ?? DEFAULT_SYMBOLS.alpaca, options.config, clock);
    const plan = source.plan();
    const usd = currency('USD');
    const { precisionOf } = await import('../adapters/alpaca/alpaca-config.js');
    const alpaca = (source.client as AlpacaDataClient).config;
    // The decimals the data client reads prices and sizes at (4 and 0 unless configured).
    const instruments = plan.instruments.map((id) => {
      const precision = precisionOf(alpaca, symbolOf(id));
      return simpleInstrument(id, usd, precision.price, precision.size);
    });
    return {
      name: 'alpaca',
      client: source.client,
      kinds: plan.kinds,
      accountCurrency: usd,
      instruments: () => instruments,
      alpaca,
    };
  }
  const source = await ccxtSource(venue, options.symbols ?? DEFAULT_SYMBOLS.ccxt, clock);
  const client = source.client as CcxtDataClient;
  const account = currency(options.currency ?? 'USDT');
  return {
    name: venue,
    client,
    kinds: [DataKind.TRADES, DataKind.QUOTES],
    accountCurrency: account,
    instruments: () => ccxtInstruments(client, source.plan().instruments, account),
    ccxt: client.config,
  };
}

function simVenue(options: NodeVenueOptions, clock: Clock): NodeVenue {
  if (options.source !== 'exchange' && options.source !== 'walk')
    throw new InputError(`option --source: unknown source '${options.source}' (known: exchange, walk)`);
  const ids = parseSimSymbols(options.symbols ?? SIM_SYMBOLS);
  const usd = currency('USD');
  const instruments = ids.map((id) => simpleInstrument(id, usd, 2, 0));
  const feedOptions = { clock, instruments: ids, seed: options.seed, durationUs: options.simDurationUs };
  const walk = options.source === 'walk';
  return {
    name: 'sim',
    client: walk ? new RandomWalkFeed(feedOptions) : new MarketSimFeed(feedOptions),
    kinds: walk ? [DataKind.TRADES, DataKind.QUOTES] : [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK],
    accountCurrency: usd,
    instruments: () => instruments,
  };
}

/** Instruments of a connected ccxt client, with the markets' tick and lot decimals. */
function ccxtInstruments(
  client: CcxtDataClient,
  ids: readonly InstrumentId[],
  account: Currency,
): Instrument[] {
  return ids.map((id) => {
    const spec = client.marketSpec(id);
    if (spec.quote !== account.code)
      throw new InputError(
        `${id} is quoted in ${spec.quote}, the account in ${account.code}: one account currency per node (option --currency)`,
      );
    return simpleInstrument(id, account, spec.priceDecimals, spec.sizeDecimals);
  });
}

function parseSimSymbols(text: string): InstrumentId[] {
  const ids = text.split(',').map((raw) => {
    const s = raw.trim();
    if (s === '') throw new InputError(`option --symbols: empty symbol in "${text}"`);
    const parsed = parseInstrumentId(s.includes('.') ? s : `${s}.SIM`);
    if (!parsed.ok) throw new InputError(`option --symbols: "${s}": ${parsed.error.reason}`);
    if (!parsed.value.endsWith('.SIM'))
      throw new InputError(`option --symbols: "${s}" is not a SIM instrument`);
    return parsed.value;
  });
  if (new Set(ids).size !== ids.length) throw new InputError('option --symbols: a symbol is listed twice');
  return ids;
}
