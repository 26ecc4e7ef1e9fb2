"""Compare the events of a JSON Lines file with `recoupe batch`, on Apache Spark.

Each partition of the input is piped through one `recoupe batch --jobs 1` process
(Spark runs one task per core, so one thread per process), and its output lines are
written with `saveAsTextFile`: `OUTPUT/part-00000`, `part-00001`, ... in input order, so
`cat OUTPUT/part-*` is what `recoupe batch INPUT` prints (except the `line` of an
`error`, which counts within the partition). See docs/batch.md.

    spark-submit examples/spark/recoupe_spark.py --recoupe /opt/recoupe/recoupe IN OUT
        the binary already sits at that absolute path on every node: plain RDD.pipe
    spark-submit examples/spark/recoupe_spark.py --ship target/release/recoupe IN OUT
        Spark copies the binary to every executor (SparkContext.addFile, like --files)

Tested in local mode by `cargo xtask test` (xtask/src/spark.rs), with pyspark 3.5.
"""

import argparse
import os
import shlex
import subprocess
import sys
import threading


def pipe_shipped(name, options):
    """RDD.pipe with the binary shipped by addFile: its path is only known on the
    executor (SparkFiles.get), so the command is made there. Same streaming as RDD.pipe:
    lines in on a thread, lines out as they come."""

    def run(lines):
        from pyspark import SparkFiles

        binary = SparkFiles.get(name)
        os.chmod(binary, 0o755)  # addFile does not keep the executable bit everywhere
        proc = subprocess.Popen(
            [binary, "batch", "--jobs", "1", *options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

        def feed():
            for line in lines:
                proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            proc.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for out in proc.stdout:
            yield out.rstrip(b"\n").decode("utf-8")
        feeder.join()
        # 0: every line compared; 1: some lines answered with `error` (still output).
        if proc.wait() > 1:
            raise RuntimeError(f"recoupe batch failed ({proc.returncode})")

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="events, one JSON object a line (a path Spark can read)")
    p.add_argument("output", help="a folder that does not exist yet")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--recoupe", help="absolute path of recoupe on every node (RDD.pipe)")
    how.add_argument("--ship", help="local path of recoupe, copied to the executors (addFile)")
    p.add_argument("--partitions", type=int, default=None, help="at least this many partitions")
    p.add_argument(
        "--options",
        default="",
        help="comparison options for every line, e.g. '--split lines --lang fr'",
    )
    p.add_argument("--master", default=None, help="e.g. local[2] (else spark-submit's)")
    args = p.parse_args()

    # The executors' Python is this one (pyspark installed with pip, in a venv say).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = (
        SparkConf()
        .setAppName("recoupe-batch")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    if args.master:
        conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        options = shlex.split(args.options)
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        if args.recoupe:
            command = shlex.join([args.recoupe, "batch", "--jobs", "1", *options])
            # RDD.pipe runs the command with only `env` as its environment.
            out = lines.pipe(command, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        else:
            sc.addFile(args.ship)
            out = lines.mapPartitions(pipe_shipped(os.path.basename(args.ship), options))
        out.saveAsTextFile(args.output)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
