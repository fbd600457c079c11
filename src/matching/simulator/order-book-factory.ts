/** The book real simulation runs use: the fast {@link OrderBook}. */
import { OrderBook } from '../book/order-book.js';
import type { BookFactory } from './sim-types.js';

/** Makes an {@link OrderBook} with the given options. */
export const createOrderBook: BookFactory = (options) => new OrderBook(options);
