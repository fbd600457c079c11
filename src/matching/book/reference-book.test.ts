import { runBookContract } from '../../../test/support/book-contract.js';
import { ReferenceBook } from './reference-book.js';

runBookContract('ReferenceBook', (options) => new ReferenceBook(options));
