import { configure } from '@testing-library/react';

// findBy… and waitFor give up after 1 s by default. On a shared 2-core machine running the node
// and e2e projects alongside, a re-render after a push now and then took just over that; waiting
// longer only delays a real failure.
configure({ asyncUtilTimeout: 5_000 });
