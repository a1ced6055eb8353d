"""Airflow DAG: the synthforge fraud pipeline as four spark-submit tasks (ingest -> train -> sample -> evaluate).

Copy this file into your DAGs folder and adjust the Variables below. Every synthforge job is idempotent and
resumable (ingest skips an up-to-date dataset, train --resume continues from its last checkpoint), so the
retries are safe. Exit codes: 0 success, 1 job failure (retried), 2 usage/configuration error (fix the DAG).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = Variable.get("synthforge_jar", default_var="hdfs:///apps/synthforge/synthforge-jobs-cluster.jar")
ROOT = Variable.get("synthforge_root", default_var="hdfs:///data/synthforge")
RUN = "{{ ds_nodash }}"

CONF = {
    "spark.dynamicAllocation.enabled": "false",
    "spark.executor.memoryOverhead": "4g",
    "spark.task.maxFailures": "4",
}

default_args = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
}


def synthforge_task(task_id, *args):
    """One synthforge job submitted to the cluster configured in the 'spark_default' connection."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=JAR,
        java_class="io.synthforge.jobs.SynthforgeCli",
        application_args=list(args),
        conf=CONF,
        name=f"synthforge-{task_id}",
    )


with DAG(
    dag_id="synthforge_fraud_transactions",
    description="Learn the fraud transaction log and publish a synthetic copy with quality gates",
    default_args=default_args,
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    tags=["synthforge", "synthetic-data"],
) as dag:
    ingest = synthforge_task(
        "ingest",
        "ingest",
        "--input", f"{ROOT}/landing/transactions/{RUN}",
        "--schema", f"{ROOT}/schemas/transactions.avsc",
        "--dataset", f"{ROOT}/datasets/transactions/{RUN}",
    )
    train = synthforge_task(
        "train",
        "train",
        "--dataset", f"{ROOT}/datasets/transactions/{RUN}",
        "--model", "ctgan",
        "--workers", "8",
        "--epochs", "100",
        "--out", f"{ROOT}/models/transactions-ctgan/{RUN}",
        "--resume",
    )
    sample = synthforge_task(
        "sample",
        "sample",
        "--model", f"{ROOT}/models/transactions-ctgan/{RUN}",
        "--rows", "1000000",
        "--out", f"{ROOT}/synthetic/transactions/{RUN}",
        "--table", "synth.transactions",
        "--mode", "overwrite",
    )
    evaluate = synthforge_task(
        "evaluate",
        "evaluate",
        "--real", f"{ROOT}/datasets/transactions/{RUN}/rows",
        "--synthetic", f"{ROOT}/synthetic/transactions/{RUN}",
        "--table", "synth.transactions",
        "--target", "is_fraud",
        "--positive", "1",
        "--report", f"{ROOT}/reports/transactions/{RUN}",
        "--fail-under", "quality=0.8",
    )

    ingest >> train >> sample >> evaluate
