from pactwatch.cli import main

raise SystemExit(main())
