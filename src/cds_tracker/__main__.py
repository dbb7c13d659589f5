from cds_tracker.cli import main

main()
