# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf

curl -X POST \
  "https://workspace.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/script-executions/retry" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "record_id": "0000000059071dbc01591661d3990020",
    "task_id": "0000000059071dbc01591661d3990019"
  }'
