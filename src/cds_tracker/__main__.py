from cds_tracker.cli import main

# The guard matters: on Windows a worker process of a province's roll-up re-imports this module.
if __name__ == "__main__":
    main()
