import { runBookContract } from '../../../test/support/book-contract.js';
import { OrderBook } from './order-book.js';

runBookContract('OrderBook', (options) => new OrderBook(options));
