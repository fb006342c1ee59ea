# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf
TASK_ID=0000000059071dbc01591661d3990019

curl -X GET \
  "https://workspace.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/script-execution-tasks?task_id=$TASK_ID" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN"
