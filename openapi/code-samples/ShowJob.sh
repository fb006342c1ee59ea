# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf
JOB_ID=0e2dae94-23ff-449a-bb9c-1b808cf2106d

curl -X GET \
  "https://workspace.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/workspace-jobs/$JOB_ID" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN"
