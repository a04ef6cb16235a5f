// Mistakes tsc must refuse (JsApiTest expects one error per line marked "error"), so the types are
// known to say something: a misspelt option, a wrong option type, an unknown device, a missing id.
import { load } from 'tandem-client';

load('mnist-cnn', { thread: 2 }); // error
load('mnist-cnn', { threads: 'many' }); // error
load('mnist-cnn', { device: 'gpu' }); // error
load(); // error
